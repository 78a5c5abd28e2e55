/** The conformance checks Gymnasium's {@code check_env} makes, run against a samdp environment. */
package org.samdp.envs.check;
