/**
 * The Gymnasium contract in plain Java: {@link org.samdp.envs.Env}, its results, the base class that seeds and
 * validates, and the registry that makes environments by Gymnasium id. No tensors here: observations of Box spaces are
 * flat {@code double[]} arrays (row-major over the space's shape), Discrete values are {@code Integer}s.
 */
package org.samdp.envs;
