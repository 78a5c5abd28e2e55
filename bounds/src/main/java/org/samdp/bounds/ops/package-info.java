/**
 * Bounded operators: for each layer type, interval propagation, backward propagation of linear bounds and, for
 * activations, the linear relaxation given pre-activation bounds; plus the registry that maps layer types to them.
 *
 * <p>Linear bounds travel as coefficient arrays {@code [b, R, ...shape]}: {@code R} linear functions of a node's
 * value, for each of {@code b} batch elements, where {@code b == 1} means "the same for the whole batch".
 */
package org.samdp.bounds.ops;
