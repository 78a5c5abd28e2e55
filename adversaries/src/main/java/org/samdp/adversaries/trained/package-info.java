/**
 * Trained attackers as artefacts: each (a Robust Sarsa critic, a learned optimal adversary) is a run directory of its
 * own under the victim's run, keyed by the victim's checkpoint, the attack's ε and its settings, resumable, and
 * reused only for the same key; and the grids of settings the strongest-attack protocol scans (§6.5.2.2).
 */
package org.samdp.adversaries.trained;
