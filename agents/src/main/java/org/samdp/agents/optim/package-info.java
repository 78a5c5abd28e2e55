/**
 * Optimisers whose whole state can be saved and restored exactly (DJL's cannot), so that a resumed run continues the
 * same learning curve.
 */
package org.samdp.agents.optim;
