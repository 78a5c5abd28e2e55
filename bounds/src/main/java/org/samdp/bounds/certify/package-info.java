/**
 * Certificates on top of the bound engine: certified greedy actions of Q-networks and their certified radius, and
 * upper bounds on how much a deterministic or Gaussian policy's output can change within an input set.
 */
package org.samdp.bounds.certify;
