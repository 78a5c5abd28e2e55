/**
 * Reports over run directories: {@link org.samdp.experiments.report.ReportTable} writes one Markdown table in the
 * shape of the dissertation's Tables 6.3 and 6.5, {@link org.samdp.experiments.report.ReportPlots} draws learning
 * curves and return-versus-ε plots as PNG files.
 */
package org.samdp.experiments.report;
