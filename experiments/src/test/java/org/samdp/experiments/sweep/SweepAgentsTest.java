package org.samdp.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.io.Json;
import org.samdp.experiments.report.ReportTable;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.ReturnSummary;

/** Attack jobs of one agent are merged at report time, side by side: no job's results replace another's. */
class SweepAgentsTest {
  @TempDir
  Path dir;

  @Test
  void everySettingOfAnAttackGridCountsForTheStrongestAttack() {
    SweepDirectory sweep = new SweepDirectory(dir);
    List<SweepJob> jobs = List.of(
        finished(sweep, "a.attack-1", "", Map.of("random", 40.0)),
        finished(sweep, "a.attack-2_mad.steps=10", "mad.steps=10", Map.of("mad", 30.0)),
        finished(sweep, "a.attack-2_mad.steps=50", "mad.steps=50", Map.of("mad", 20.0)),
        new SweepJob("a.attack-3", SweepJob.ATTACK, "a", 1, "runs/a", "attacks.json", List.of(), "a", ""));
    AttackResults.AtEps merged = SweepAgents.attacks(sweep, jobs).evaluations().get(0);
    assertEquals(List.of("random", "mad[mad.steps=10]", "mad[mad.steps=50]"), List.copyOf(merged.attacks().keySet()));
    assertEquals("mad[mad.steps=50]", merged.strongest());
    assertEquals("MAD (mad.steps 50)", ReportTable.title(merged.strongest()));
    assertEquals("rs[eps=0.1,mad.steps=5]", SweepAgents.named("rs[eps=0.1]", "mad.steps=5"));
  }

  /** An attack job of agent {@code a} at ε 0.1 that has finished with these mean returns. */
  private static SweepJob finished(SweepDirectory sweep, String id, String setting, Map<String, Double> returns) {
    SweepJob job = new SweepJob(id, SweepJob.ATTACK, "a", 1, "runs/a", "attacks.json", List.of(), "a", setting);
    Map<String, ReturnSummary> attacks = new java.util.LinkedHashMap<>();
    returns.forEach((name, mean) -> attacks.put(name, summary(mean)));
    Json.write(sweep.job(id).resolve("attempt-1/attacks.json"), new AttackResults("CartPole-v1", "ppo", "latest", 1,
        0, List.of(AttackResults.AtEps.of(0.1, summary(100), attacks, null))));
    Json.write(sweep.job(id).resolve("done.json"), new SweepDirectory.Done(1, 1.0, "jobs/" + id
        + "/attempt-1/attacks.json"));
    return job;
  }

  private static ReturnSummary summary(double mean) {
    return new ReturnSummary(mean, 0, mean, mean, 1, List.of(mean), List.of(1));
  }
}
