package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;

/**
 * Linear bounds of an element-wise activation over its pre-activation interval:
 * {@code lowerSlope·x + lowerIntercept <= f(x) <= upperSlope·x + upperIntercept}. Arrays are {@code [B, ...shape]},
 * or {@code [B, R, ...shape]} when α-CROWN gives every bound row its own relaxation.
 *
 * @param lowerSlope slope of the lower line
 * @param lowerIntercept intercept of the lower line
 * @param upperSlope slope of the upper line
 * @param upperIntercept intercept of the upper line
 */
public record Relaxation(NDArray lowerSlope, NDArray lowerIntercept, NDArray upperSlope, NDArray upperIntercept) {}
