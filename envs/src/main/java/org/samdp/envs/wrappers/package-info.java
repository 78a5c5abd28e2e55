/** Wrappers that each change one thing about an environment, with Gymnasium's semantics. */
package org.samdp.envs.wrappers;
