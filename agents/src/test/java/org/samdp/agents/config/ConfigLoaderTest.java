package org.samdp.agents.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  /** A small configuration with a section. */
  record Inner(double clip, int epochs, List<Integer> hidden, String solver) {
    Inner {
      if (clip < 0) {
        throw new IllegalArgumentException("inner.clip must be >= 0, got " + clip);
      }
    }
  }

  record Outer(long seed, boolean anneal, Inner inner) {}

  private static final Outer DEFAULTS = new Outer(1, true, new Inner(0.2, 10, List.of(64, 64), "sgld"));
  private final ConfigLoader<Outer> loader = new ConfigLoader<>(Outer.class, DEFAULTS);

  @TempDir
  Path dir;

  @Test
  void defaultsFileAndOverridesApplyInOrder() throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "seed: 5\ninner:\n  clip: 0.1\n  hidden: [32]\n");
    Outer config = loader.load(file, List.of("inner.clip=0.3", "anneal=false", "inner.solver=convex"));
    assertEquals(new Outer(5, false, new Inner(0.3, 10, List.of(32), "convex")), config);
    assertEquals(DEFAULTS, loader.load(null, List.of()));
  }

  @Test
  void theResolvedYamlReadsBackToTheSameConfig() throws Exception {
    Outer config = loader.load(null, List.of("inner.epochs=3"));
    Path file = dir.resolve("resolved.yaml");
    Files.writeString(file, loader.toYaml(config));
    assertEquals(config, loader.load(file, List.of()));
    assertEquals(List.of("seed", "anneal", "inner.clip", "inner.epochs", "inner.hidden", "inner.solver"),
        loader.keys());
  }

  @Test
  void unknownKeysAreNamedWithTheValidOnes() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(null, List.of("inner.clipp=0.1")));
    assertTrue(e.getMessage().contains("unknown config key 'inner.clipp'"), e.getMessage());
    assertTrue(e.getMessage().contains("clip, epochs, hidden, solver"), e.getMessage());
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "sead: 3\n");
    e = assertThrows(ConfigException.class, () -> loader.load(file, List.of()));
    assertTrue(e.getMessage().contains("unknown config key 'sead'"), e.getMessage());
  }

  @Test
  void wrongTypesAreNamed() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(null, List.of("inner.clip=abc")));
    assertTrue(e.getMessage().contains("'inner.clip' expects a number"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> loader.load(null, List.of("inner.epochs=2.5")));
    assertTrue(e.getMessage().contains("'inner.epochs' expects an integer"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> loader.load(null, List.of("anneal=yes please")));
    assertTrue(e.getMessage().contains("'anneal' expects true or false"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> loader.load(null, List.of("inner=3")));
    assertTrue(e.getMessage().contains("is a section"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> loader.load(null, List.of("seed")));
    assertTrue(e.getMessage().contains("key.path=value"), e.getMessage());
  }

  @Test
  void constructorChecksComeThroughAsOneLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(null, List.of("inner.clip=-1")));
    assertTrue(e.getMessage().contains("inner.clip must be >= 0, got -1.0"), e.getMessage());
  }
}
