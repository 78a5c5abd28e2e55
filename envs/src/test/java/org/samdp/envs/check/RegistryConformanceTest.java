package org.samdp.envs.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;

/** Every registered env passes the checker: the registry-wide conformance and determinism test. */
class RegistryConformanceTest {

  @Test
  void theRegistryIsNotEmpty() {
    assertFalse(EnvRegistry.specs().isEmpty());
  }

  @TestFactory
  @Tag("native") // the registry holds the MuJoCo envs
  Stream<DynamicTest> everyRegisteredEnvPassesTheChecker() {
    return EnvRegistry.specs().stream().map(EnvSpec::id).map(id -> DynamicTest.dynamicTest(id, () -> {
      List<CheckResult> results = EnvChecker.check(() -> EnvRegistry.make(id));
      assertTrue(EnvChecker.passed(results), id + ": " + results);
    }));
  }
}
