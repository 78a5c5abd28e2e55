package org.samdp.bounds;

import java.util.Locale;

/** How bounds are computed. */
public enum BoundMethod {
  /** Interval bound propagation. */
  IBP("IBP"),
  /** Backward linear relaxation with CROWN intermediate bounds. */
  CROWN("CROWN"),
  /** IBP intermediate bounds, one CROWN backward pass for the output. */
  CROWN_IBP("CROWN-IBP"),
  /** CROWN with the final pass's relaxation parameters optimised by gradient ascent on the bound. */
  ALPHA_CROWN("alpha-CROWN"),
  /**
   * POPQORN (Ko et al. 2019): CROWN through the unrolled cells with each LSTM/GRU gate product bounded as one function
   * of two pre-activations by planes; the same as CROWN on networks without gate products.
   */
  POPQORN("POPQORN");

  private final String label;

  BoundMethod(String label) {
    this.label = label;
  }

  /** The name used by the reference files and the command line, e.g. {@code CROWN-IBP}. */
  public String label() {
    return label;
  }

  /** Parses a label or constant name, ignoring case and treating {@code -} and {@code _} alike. */
  public static BoundMethod parse(String name) {
    String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (BoundMethod method : values()) {
      if (method.name().equals(key)) {
        return method;
      }
    }
    throw new IllegalArgumentException("unknown bound method '" + name + "', expected IBP, CROWN, CROWN-IBP,"
        + " alpha-CROWN or POPQORN");
  }
}
