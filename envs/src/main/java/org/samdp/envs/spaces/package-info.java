/**
 * Observation and action spaces with Gymnasium semantics: immutable bounds, {@code contains}, and seeded
 * {@code sample} from each space's own generator.
 */
package org.samdp.envs.spaces;
