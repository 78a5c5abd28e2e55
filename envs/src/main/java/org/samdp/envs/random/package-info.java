/** Random number generation compatible with numpy's {@code Generator(PCG64(SeedSequence(seed)))}. */
package org.samdp.envs.random;
