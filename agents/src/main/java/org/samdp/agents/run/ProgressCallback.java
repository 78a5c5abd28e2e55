package org.samdp.agents.run;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: a progress bar on a terminal, otherwise one log line at most every
 * {@code logIntervalSeconds} (and at the end), with steps per second and the latest mean episode return.
 */
public final class ProgressCallback implements TrainingCallback {
  /** The metric shown as "return". */
  public static final String RETURN = "charts/episodic_return";
  /** The metric shown as steps per second. */
  public static final String SPS = "charts/sps";

  /** Terminal columns the bar and the log lines fit in. */
  static final int WIDTH = 80;

  private final PrintWriter log;
  private final boolean terminal;
  private final double logIntervalSeconds;
  private ProgressBar bar;
  private long lastLogNanos = System.nanoTime();
  private double lastReturn = Double.NaN;

  /**
   * @param log where log lines go (when not on a terminal)
   * @param terminal show a progress bar instead of log lines
   */
  public ProgressCallback(PrintWriter log, boolean terminal, double logIntervalSeconds) {
    this.log = log;
    this.terminal = terminal;
    this.logIntervalSeconds = logIntervalSeconds;
  }

  /** A progress bar when {@code System.console()} exists, log lines every 30 s otherwise. */
  public static ProgressCallback auto(PrintWriter log) {
    return new ProgressCallback(log, System.console() != null, 30);
  }

  @Override
  public void onUpdateEnd(Trainer trainer, IterationReport report) {
    if (!Double.isNaN(report.get(RETURN))) {
      lastReturn = report.get(RETURN);
    }
    String message = String.format(Locale.ROOT, "%.0f steps/s, return %.1f", report.get(SPS), lastReturn);
    if (terminal) {
      if (bar == null) {
        bar = new ProgressBarBuilder().setTaskName(trainer.algorithm() + " " + trainer.envId())
            .setInitialMax(trainer.totalSteps()).setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1)
            .setMaxRenderedLength(WIDTH).continuousUpdate().build();
      }
      bar.stepTo(report.globalStep());
      bar.setExtraMessage(message);
    } else if ((System.nanoTime() - lastLogNanos) / 1e9 >= logIntervalSeconds
        || report.iteration() == trainer.totalIterations()) {
      lastLogNanos = System.nanoTime();
      log.println(line(trainer.algorithm() + " " + trainer.envId(), report.globalStep(), trainer.totalSteps(),
          message));
      log.flush();
    }
  }

  /**
   * A log line of at most {@link #WIDTH} characters: {@code ppo Hopper-v4 12.5% 250k/2M steps, 2345 steps/s, return
   * 1234.5}, the task's name shortened if it must be.
   */
  static String line(String task, long steps, long total, String message) {
    String rest = String.format(Locale.ROOT, " %.1f%% %s/%s steps, %s", 100.0 * steps / total, count(steps),
        count(total), message);
    int room = Math.max(8, WIDTH - rest.length());
    return (task.length() <= room ? task : task.substring(0, room - 1) + "…") + rest;
  }

  /** A step count in at most five characters: 950, 12.5k, 250k, 2M, 1.25M. */
  static String count(long steps) {
    if (steps < 1_000) {
      return Long.toString(steps);
    }
    boolean millions = steps >= 1_000_000;
    BigDecimal value = BigDecimal.valueOf(steps, millions ? 6 : 3).round(new MathContext(3));
    return value.stripTrailingZeros().toPlainString() + (millions ? "M" : "k");
  }

  @Override
  public void onTrainingEnd(Trainer trainer, Throwable failure) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
