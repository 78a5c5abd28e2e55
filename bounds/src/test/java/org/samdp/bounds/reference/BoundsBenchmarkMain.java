package org.samdp.bounds.reference;

/** Runs the benchmark from the test classpath (not a test): {@code java ... BoundsBenchmarkMain [repeats]}. */
final class BoundsBenchmarkMain {
  private BoundsBenchmarkMain() {}

  public static void main(String[] args) {
    BoundsBenchmark.run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 10);
  }
}
