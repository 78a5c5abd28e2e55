/**
 * The one threat model, B(s) in normalized observation space ({@link org.samdp.agents.threat.ThreatModel}), the seam
 * every adversary on observations implements ({@link org.samdp.agents.threat.ObservationAdversary}), and the one
 * projected-gradient solver of inner maximisations and gradient attacks
 * ({@link org.samdp.agents.threat.ProjectedGradient}).
 */
package org.samdp.agents.threat;
