package org.samdp.adversaries.eval;

/**
 * What the bound engine guarantees at each observation of a batch for one ε; an array is null where the certificate
 * does not apply to the policy.
 *
 * @param certified whether the deterministic action (arg-max of Q values or logits) cannot change anywhere in B(s)
 * @param klBound upper bound on {@code KL(π(·|s) || π(·|ŝ))} over B(s) (Gaussian and categorical policies)
 * @param actionChangeL1 upper bound on {@code ||π(ŝ) − π(s)||₁} of the deterministic action (the Gaussian's mean,
 *     the deterministic actor's output)
 * @param actionChangeL2 the same in ℓ2
 * @param actionChangeLinf the same in ℓ∞
 * @param actionRange mean width of the bounds on each action coordinate (Table 6.6's "range")
 * @param certifiedRadius the largest ε (up to a maximum) at which the action is still certified
 */
public record Certificates(boolean[] certified, double[] klBound, double[] actionChangeL1, double[] actionChangeL2,
    double[] actionChangeLinf, double[] actionRange, double[] certifiedRadius) {}
