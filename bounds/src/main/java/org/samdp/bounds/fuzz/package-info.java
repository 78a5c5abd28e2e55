/**
 * Soundness fuzzing of the bound engine: random networks and input sets, every method's bounds checked against the
 * network's own outputs at sampled points and at points a gradient attack finds, in float64.
 */
package org.samdp.bounds.fuzz;
