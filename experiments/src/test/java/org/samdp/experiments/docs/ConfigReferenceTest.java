package org.samdp.experiments.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.algo.Algorithm;
import org.samdp.experiments.docs.ConfigReference.Family;

class ConfigReferenceTest {
  private static final Path ROOT = Path.of(System.getProperty("samdp.root", "..")).toAbsolutePath().normalize();

  /**
   * A configuration for the failure cases.
   *
   * @param steps how many steps (3)
   * @param inner a section
   */
  record Sample(int steps, Inner inner) {}

  /**
   * A section.
   *
   * @param rate a rate (0.5)
   */
  record Inner(double rate, boolean undocumented) {}

  private static ConfigReference sample() {
    return new ConfigReference(new SourceJavadoc(ROOT), List.of(new Family("Sample", "tests", Map.of("sample",
        new Sample(3, new Inner(0.5, true))), Map.of(), 0)));
  }

  @Test
  void everyConfigKeyHasADescription() {
    List<String> missing = ConfigReference.ofRepository(ROOT).undocumented();
    assertTrue(missing.isEmpty(), "config keys without an @param line in their record's javadoc: " + missing);
  }

  @Test
  void theCommittedPageIsWhatTheGeneratorWrites() {
    Optional<String> stale = ConfigReference.ofRepository(ROOT).staleness(ROOT.resolve(ConfigReference.PAGE));
    assertTrue(stale.isEmpty(), stale.orElse(""));
  }

  @Test
  void theKeysAreTheOnesTheLoaderTakes() {
    for (String name : Algorithms.names()) {
      Algorithm<?> algorithm = Algorithms.get(name);
      assertEquals(algorithm.loader("CartPole-v1").keys(), paths(algorithm.defaults().apply("CartPole-v1")), name);
    }
    assertEquals(AttackConfig.loader().keys(), paths(AttackConfig.DEFAULTS));
  }

  private static List<String> paths(Object config) {
    return ConfigTree.of(config).keys().stream().map(ConfigTree.Key::path).toList();
  }

  @Test
  void aKeyWithoutDescriptionIsReported() {
    assertEquals(List.of("inner.undocumented (Inner.undocumented)"), sample().undocumented());
  }

  @Test
  void aPageThatDiffersOrIsMissingIsStaleAndNamesTheCommand(@TempDir Path dir) throws Exception {
    ConfigReference reference = sample();
    Path page = dir.resolve("config-reference.md");
    assertTrue(reference.staleness(page).orElseThrow().contains("is missing"));
    Files.writeString(page, reference.markdown());
    assertEquals(Optional.empty(), reference.staleness(page));
    Files.writeString(page, reference.markdown().replace("A rate (0.5)", "A rate (0.25)"));
    String stale = reference.staleness(page).orElseThrow();
    assertTrue(stale.contains("differs") && stale.contains(ConfigReference.COMMAND), stale);
  }

  @Test
  void rowsHoldTypeDefaultAndMeaning() {
    String page = sample().markdown();
    assertTrue(page.contains("| `steps` | integer | `3` | How many steps (3) |"), page);
    assertTrue(page.contains("| `inner.rate` | number | `0.5` | A rate (0.5) |"), page);
  }

  @Test
  void javadocBecomesMarkdown() {
    assertEquals("`a | b` and `c` and `Robust` or label", RecordJavadoc.markdown(
        "{@code a | b} and {@link Foo#c}\n   and {@link org.x.Robust} or {@link Foo#d label}"));
    RecordJavadoc doc = RecordJavadoc.parse("/**\n * Text.\n *\n * @param a one\n *     two\n * @param b three\n */\n"
        + "public record R(int a, int b) {}");
    assertEquals(Map.of("a", "one two", "b", "three"), doc.of("R").params());
    assertEquals("Text.", doc.of("R").description());
    RecordJavadoc kinds = RecordJavadoc.parse("enum Kind {\n  /** The {@code a} one. */\n  A,\n  B;\n  /** Not a constant. */\n"
        + "  void c() {}\n}");
    assertEquals(Map.of("A", "The `a` one.", "B", ""), kinds.enums().get("Kind"));
  }

  @Test
  void numbersAreWrittenAsThePapersWriteThem() {
    assertEquals("6.25e-5", ConfigTree.number(6.25e-5));
    assertEquals("1e-5", ConfigTree.number(1e-5));
    assertEquals("0.99", ConfigTree.number(0.99));
    assertEquals("1000", ConfigTree.number(1000.0));
    assertEquals("0", ConfigTree.number(0.0));
  }
}
