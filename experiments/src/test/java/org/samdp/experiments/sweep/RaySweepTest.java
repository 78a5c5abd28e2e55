package org.samdp.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the sweep reads its driver's end, with a stand-in driver in place of {@code .venv}'s Python and Ray. */
class RaySweepTest {
  @TempDir
  Path dir;

  private RaySweep.Outcome runWithDriver(String script) throws IOException {
    Path python = Files.createDirectories(dir.resolve(".venv/bin")).resolve("python");
    Files.writeString(python, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
    SweepDirectory sweep = SweepDirectory.claim(dir.resolve("sweep"), dir.resolve("s.yaml"), "jobs: []\n");
    return new RaySweep(dir).run(sweep, new RaySweep.Where(null, 0, 1), counts -> { });
  }

  @Test
  void aDriverThatCrashesIsAnErrorWithItsLastLineNotASweepWithNothingFailed() {
    IllegalStateException crashed = assertThrows(IllegalStateException.class, () -> runWithDriver(
        "echo 'Traceback (most recent call last):' >&2; echo 'FileNotFoundError: .venv/bin/ray' >&2; exit 1"));
    assertTrue(crashed.getMessage().contains("exit code 1: FileNotFoundError: .venv/bin/ray"), crashed.getMessage());
  }

  @Test
  void failedJobsAreTheDriversOwnExitCodeOne() throws IOException {
    RaySweep.Outcome outcome = runWithDriver("echo '{\"failed\": [\"ppo_seed=1\"]}'; exit 1");
    assertEquals(List.of("ppo_seed=1"), outcome.failed());
    assertEquals(List.of(), runWithDriver("echo '{\"progress\": {\"total\": 1, \"done\": 1, \"running\": 0,"
        + " \"failed\": 0}}'; exit 0").failed());
  }
}
