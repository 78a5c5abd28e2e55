package org.samdp.agents.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints keep the newest, point at the latest, and clean up what a killed write left behind. */
class CheckpointsTest {
  @TempDir
  Path dir;

  @Test
  void aWriteKilledHalfWayLeavesNothingBehindOnceTheNextCheckpointIsSaved() throws IOException {
    Checkpoints checkpoints = new Checkpoints(dir);
    checkpoints.save(1, into -> Files.writeString(into.resolve("state.json"), "1"), 2);
    // What a kill during the write of iteration 2 leaves: its hidden temporary directory, half full.
    Path unfinished = Files.createDirectories(dir.resolve(".iter-000002.5f3a"));
    Files.writeString(unfinished.resolve("trainer.tensors"), "half");
    checkpoints.save(2, into -> Files.writeString(into.resolve("state.json"), "2"), 2);
    assertFalse(Files.exists(unfinished));
    assertEquals(List.of(dir.resolve("iter-000001"), dir.resolve("iter-000002")), checkpoints.list());
    assertEquals(dir.resolve("iter-000002"), checkpoints.latest().orElseThrow());
    assertTrue(Files.isRegularFile(dir.resolve("iter-000002").resolve("state.json")));
  }
}
