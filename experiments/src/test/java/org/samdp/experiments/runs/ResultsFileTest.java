package org.samdp.experiments.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.eval.CertificateSummary;
import org.samdp.adversaries.eval.Distribution;
import org.samdp.agents.io.Json;

/** How {@code attacks.json} and {@code certificates.json} accumulate evaluations over commands. */
class ResultsFileTest {
  private static final AttackConfig OTHER_SETTINGS = new AttackConfig(new AttackConfig.GradientSteps(3, 0.1),
      AttackConfig.DEFAULTS.mad(), AttackConfig.DEFAULTS.pgd(), AttackConfig.DEFAULTS.pgd50(),
      AttackConfig.DEFAULTS.rs(), AttackConfig.DEFAULTS.trained());

  @TempDir
  Path run;

  private static ReturnSummary returns(double mean) {
    return new ReturnSummary(mean, 1, mean - 1, mean + 1, 10, List.of(mean - 1, mean + 1), List.of(9, 11));
  }

  private static AttackResults attacks(String checkpoint, AttackResults.AtEps... evaluations) {
    return new AttackResults("CartPole-v1", "ppo", checkpoint, 3, 7, List.of(evaluations));
  }

  private static AttackResults.AtEps at(double eps, double natural, Map<String, ReturnSummary> attacks,
      AttackConfig config) {
    return AttackResults.AtEps.of(eps, returns(natural), attacks, config);
  }

  private static CertificateResults certificates(List<String> methods, double maxRadius, double... eps) {
    Distribution d = Distribution.of(new double[] {0.1, 0.2, 0.5});
    CertificateSummary summary = new CertificateSummary(3, 0.5, d, null, null, null, null, d, null);
    return new CertificateResults("CartPole-v1", "sa-ppo", "latest", 2, 7, methods, null,
        Arrays.stream(eps).mapToObj(e -> new CertificateResults.AtEps(e, maxRadius, summary)).toList());
  }

  @Test
  void aRunWithoutTheFileReadsAsNullAndTakesTheFreshResults() {
    assertNull(AttackResults.FILE.read(run));
    AttackResults fresh = attacks("latest", at(0.1, 100, Map.of("random", returns(90)), AttackConfig.DEFAULTS));
    assertEquals(new ResultsFile.Added(AttackResults.FILE.in(run), null), AttackResults.FILE.add(run, fresh));
    assertEquals(fresh, AttackResults.FILE.read(run));
  }

  @Test
  void attacksAccumulateAtTheSameSettingsAndEpsIsKeptInOrder() {
    AttackResults.FILE.add(run, attacks("latest",
        at(0.3, 100, Map.of("mad", returns(50), "random", returns(90)), AttackConfig.DEFAULTS),
        at(0.1, 100, Map.of("critic", returns(70)), AttackConfig.DEFAULTS)));
    AttackResults.FILE.add(run, attacks("latest",
        at(0.3, 101, Map.of("random", returns(20)), AttackConfig.DEFAULTS),
        at(0.1, 100, Map.of("random", returns(60)), OTHER_SETTINGS),
        at(0.05, 100, Map.of("random", returns(95)), AttackConfig.DEFAULTS)));
    assertEquals(attacks("latest",
        at(0.05, 100, Map.of("random", returns(95)), AttackConfig.DEFAULTS),
        at(0.1, 100, Map.of("random", returns(60)), OTHER_SETTINGS),
        at(0.3, 101, Map.of("mad", returns(50), "random", returns(20)), AttackConfig.DEFAULTS)),
        AttackResults.FILE.read(run));
    assertEquals("random", AttackResults.FILE.read(run).evaluations().get(2).strongest());
  }

  @Test
  void anotherCheckpointStartsAfreshAndTheEarlierResultsAreKeptBeside() {
    AttackResults first = attacks("first", at(0.1, 100, Map.of("random", returns(90)), AttackConfig.DEFAULTS));
    AttackResults.FILE.add(run, first);
    AttackResults second = attacks("second", at(0.2, 80, Map.of("random", returns(40)), AttackConfig.DEFAULTS));
    assertEquals(run.resolve("attacks.1.json"), AttackResults.FILE.add(run, second).kept());
    AttackResults third = attacks("third", at(0.2, 70, Map.of("random", returns(30)), AttackConfig.DEFAULTS));
    assertEquals(run.resolve("attacks.2.json"), AttackResults.FILE.add(run, third).kept());
    assertEquals(third, AttackResults.FILE.read(run));
    assertEquals(first, Json.read(run.resolve("attacks.1.json"), AttackResults.class));
    assertEquals(second, Json.read(run.resolve("attacks.2.json"), AttackResults.class));
  }

  @Test
  void certificatesAtTheSameEpsAreReplacedAndOtherMethodsStartAfreshKeepingTheEarlier() {
    CertificateResults.FILE.add(run, certificates(List.of("IBP", "CROWN"), 0.8, 0.2, 0.05));
    CertificateResults.FILE.add(run, certificates(List.of("IBP", "CROWN"), 0.4, 0.2, 0.1));
    List<CertificateResults.AtEps> merged = CertificateResults.FILE.read(run).evaluations();
    assertEquals(List.of(0.05, 0.1, 0.2), merged.stream().map(CertificateResults.AtEps::eps).toList());
    assertEquals(List.of(0.8, 0.4, 0.4), merged.stream().map(CertificateResults.AtEps::maxRadius).toList());

    CertificateResults held = CertificateResults.FILE.read(run);
    CertificateResults ibp = certificates(List.of("IBP"), 0.4, 0.3);
    assertEquals(run.resolve("certificates.1.json"), CertificateResults.FILE.add(run, ibp).kept());
    assertEquals(ibp, CertificateResults.FILE.read(run));
    assertEquals(held, Json.read(run.resolve("certificates.1.json"), CertificateResults.class));
  }
}
