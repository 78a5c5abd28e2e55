/**
 * Sweeps: a sweep file ({@link org.samdp.experiments.sweep.SweepFile}) expands into jobs
 * ({@link org.samdp.experiments.sweep.SweepPlan}), each a {@code samdp train}, {@code attack} or {@code certify}
 * process that the Python driver ({@code experiments/python/samdp_sweep}) runs on Ray with retries
 * ({@link org.samdp.experiments.sweep.RaySweep}); the sweep directory records every job's attempts and results
 * ({@link org.samdp.experiments.sweep.SweepDirectory}), which the report aggregates as the papers do
 * ({@link org.samdp.experiments.sweep.SweepTable}).
 */
package org.samdp.experiments.sweep;
