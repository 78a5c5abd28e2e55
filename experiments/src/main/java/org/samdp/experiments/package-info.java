/** The samdp command line and what it drives: presets, run directories, reports, benchmarks. */
package org.samdp.experiments;
