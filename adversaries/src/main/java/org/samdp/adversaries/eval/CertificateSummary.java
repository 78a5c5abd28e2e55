package org.samdp.adversaries.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Per-step certificates over a whole evaluation, averaged as the papers report them (Tables 6.5 to 6.7); a field is
 * null where the certificate does not apply to the policy.
 *
 * @param steps steps certified
 * @param certifiedRate fraction of steps whose action is certified (Table 6.5's "Action Cert. Rate")
 * @param klBound the KL bounds (Table 6.7)
 * @param actionChangeL1 the ℓ1 action-change bounds (Table 6.6)
 * @param actionChangeL2 the ℓ2 action-change bounds
 * @param actionChangeLinf the ℓ∞ action-change bounds
 * @param actionRange the mean widths of the action bounds
 * @param certifiedRadius the certified radii of the actions
 * @param radiusHistogram the certified radii in ten bins up to the largest radius searched
 */
public record CertificateSummary(int steps, Double certifiedRate, Distribution klBound, Distribution actionChangeL1,
    Distribution actionChangeL2, Distribution actionChangeLinf, Distribution actionRange,
    Distribution certifiedRadius, Histogram radiusHistogram) {

  /**
   * The summary of the certificates of every step.
   *
   * @param maxRadius the largest radius the search tried (for the histogram's range)
   */
  public static CertificateSummary of(List<Certificates> batches, double maxRadius) {
    int steps = 0;
    int certified = 0;
    boolean decides = false;
    for (Certificates batch : batches) {
      if (batch.certified() != null) {
        decides = true;
        for (boolean c : batch.certified()) {
          certified += c ? 1 : 0;
        }
        steps += batch.certified().length;
      }
    }
    double[] radius = concat(batches, Certificates::certifiedRadius);
    double[] kl = concat(batches, Certificates::klBound);
    double[] change = concat(batches, Certificates::actionChangeL1);
    steps = Math.max(steps, Math.max(kl == null ? 0 : kl.length, change == null ? 0 : change.length));
    return new CertificateSummary(steps, decides && steps > 0 ? (double) certified / steps : null, summary(kl),
        summary(change), summary(concat(batches, Certificates::actionChangeL2)),
        summary(concat(batches, Certificates::actionChangeLinf)), summary(concat(batches, Certificates::actionRange)),
        summary(radius), radius == null || radius.length == 0 ? null : Histogram.of(radius, maxRadius, 10));
  }

  private static double[] concat(List<Certificates> batches, Function<Certificates, double[]> field) {
    List<double[]> parts = new ArrayList<>();
    for (Certificates batch : batches) {
      if (field.apply(batch) != null) {
        parts.add(field.apply(batch));
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  private static Distribution summary(double[] values) {
    return values == null || values.length == 0 ? null : Distribution.of(values);
  }
}
