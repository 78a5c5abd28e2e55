/** Vector environments: several copies of an env stepped together, with Gymnasium 1.x autoreset semantics. */
package org.samdp.envs.vector;
