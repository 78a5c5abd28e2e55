package org.samdp.envs.check;

/** The outcome of one conformance check. */
public record CheckResult(String name, Status status, String detail) {

  /** PASS: conforms. WARN: allowed but noteworthy (Gymnasium warns). FAIL: breaks the contract. */
  public enum Status {
    PASS,
    WARN,
    FAIL
  }

  static CheckResult pass(String name, String detail) {
    return new CheckResult(name, Status.PASS, detail);
  }

  static CheckResult warn(String name, String detail) {
    return new CheckResult(name, Status.WARN, detail);
  }

  static CheckResult fail(String name, String detail) {
    return new CheckResult(name, Status.FAIL, detail);
  }
}
