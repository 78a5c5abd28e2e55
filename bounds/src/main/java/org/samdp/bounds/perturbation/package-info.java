/**
 * Input sets the bound engine bounds a network over: ℓ∞, ℓ2 and ℓ1 balls around a batch of centres (optionally
 * clipped to a valid domain and masked to some dimensions) and explicit boxes. Each set can enclose itself in a box
 * and minimise a linear function over itself exactly (or soundly).
 */
package org.samdp.bounds.perturbation;
