/** The bound engine: bounded operators, perturbation sets, IBP, CROWN, CROWN-IBP and certificates. Knows no RL. */
package org.samdp.bounds;
