package org.samdp.envs.wrappers;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.samdp.envs.Env;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.Wrapper;

/**
 * Adds {@code info["episode"] = {"r": return, "l": length, "t": seconds}} on the step that ends an episode, and keeps
 * the last {@code bufferLength} episodes.
 */
public final class RecordEpisodeStatistics<O, A> extends Wrapper<O, A> {
  /** The info key under which episode statistics appear. */
  public static final String KEY = "episode";

  /** One finished episode. */
  public record Episode(double episodicReturn, int length, double seconds) {
    Map<String, Object> asInfo() {
      return Map.of("r", episodicReturn, "l", length, "t", seconds);
    }
  }

  private final int bufferLength;
  private final Deque<Episode> recent = new ArrayDeque<>();
  private double episodicReturn;
  private int length;
  private long startNanos;
  private int episodeCount;

  public RecordEpisodeStatistics(Env<O, A> env, int bufferLength) {
    super(env);
    if (bufferLength <= 0) {
      throw new IllegalArgumentException("bufferLength must be positive, got " + bufferLength);
    }
    this.bufferLength = bufferLength;
  }

  @Override
  public Reset<O> reset(Long seed, Map<String, Object> options) {
    episodicReturn = 0;
    length = 0;
    startNanos = System.nanoTime();
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    Step<O> step = env.step(action);
    episodicReturn += step.reward();
    length++;
    if (!step.done()) {
      return step;
    }
    double seconds = Math.round((System.nanoTime() - startNanos) / 1e3) / 1e6;
    Episode episode = new Episode(episodicReturn, length, seconds);
    recent.addLast(episode);
    if (recent.size() > bufferLength) {
      recent.removeFirst();
    }
    episodeCount++;
    Map<String, Object> info = new HashMap<>(step.info());
    info.put(KEY, episode.asInfo());
    return new Step<>(step.observation(), step.reward(), step.terminated(), step.truncated(), info);
  }

  /** The most recent finished episodes, oldest first. */
  public List<Episode> recentEpisodes() {
    return List.copyOf(recent);
  }

  /** Number of episodes finished since construction. */
  public int episodeCount() {
    return episodeCount;
  }
}
