package org.samdp.experiments.sweep;

import java.util.Locale;

/**
 * The sweep's progress line: jobs done, running and failed out of all, the time so far and an estimate of the time
 * left, in at most 80 columns. The estimate assumes the jobs left take as long, on average, as those finished since
 * this start (jobs that an earlier start finished do not count).
 */
public final class SweepProgress {
  /** The widest line. */
  public static final int COLUMNS = 80;

  private final long startNanos;
  private int doneAtStart = -1;

  /** Starts the clock. */
  public SweepProgress(long startNanos) {
    this.startNanos = startNanos;
  }

  /** The line for these counts at {@code nowNanos}. */
  public String line(int total, int done, int running, int failed, long nowNanos) {
    if (doneAtStart < 0) {
      doneAtStart = done;
    }
    long elapsed = Math.max(0, (nowNanos - startNanos) / 1_000_000_000L);
    int finishedNow = done + failed - doneAtStart;
    int left = total - done - failed;
    String eta = left == 0 ? "finished" : finishedNow <= 0 ? "ETA --:--"
        : "ETA " + clock(Math.round((double) elapsed / finishedNow * left));
    String line = String.format(Locale.ROOT, "sweep: %d/%d done, %d running, %d failed, %s elapsed, %s", done, total,
        running, failed, clock(elapsed), eta);
    return line.length() <= COLUMNS ? line : line.substring(0, COLUMNS);
  }

  /** {@code m:ss} below an hour, {@code h:mm:ss} below 100 hours, whole hours above. */
  static String clock(long seconds) {
    if (seconds >= 100 * 3600) {
      return seconds / 3600 + "h";
    }
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
