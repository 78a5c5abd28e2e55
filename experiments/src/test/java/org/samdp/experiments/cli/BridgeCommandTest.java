package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.envs.bridge.BridgeServer;

/** Smoke tests of {@code samdp bridge ...}, {@code samdp bench bridge} and remote ids in {@code samdp envs}. */
class BridgeCommandTest {

  @Test
  void benchBridgePrintsRatesAndRatiosForEachMode() {
    CliRun run = CliRun.of("bench", "bridge", "--envs", "CartPole-v1", "--num-envs", "2", "--seconds", "0.05");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("bridge/local"), run.out());
    assertTrue(run.out().matches("(?s).*CartPole-v1 +single +\\d+ +\\d+ +\\d+\\.\\d{3} .*"), run.out());
    assertTrue(run.out().matches("(?s).*CartPole-v1 +batched x2 +\\d+ +\\d+ +\\d+\\.\\d{3} .*"), run.out());
  }

  @Test
  void envsCheckAcceptsRemoteIds() {
    try (BridgeServer server = BridgeServer.start(BridgeServer.Options.loopback(0))) {
      CliRun run = CliRun.of("envs", "check", server.address() + "/CartPole-v1");
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertTrue(run.out().contains("/CartPole-v1: PASS"), run.out());
    }
  }

  @Test
  void serveRefusesUnknownIdsAndBadOptionsWithOneLine() {
    // Space-separated ids are taken like comma-separated ones (the Python server's form).
    CliRun unknown = CliRun.of("bridge", "serve", "--port", "0", "--envs", "CartPole-v1", "CartPole-v9");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().strip().startsWith("samdp: error: unknown environment id 'CartPole-v9'"),
        unknown.err());
    CliRun tls = CliRun.of("bridge", "serve", "--port", "0", "--tls-cert", "cert.pem");
    assertEquals(2, tls.exitCode());
    assertEquals("samdp: error: TLS needs both a certificate chain and its private key", tls.err().strip());
  }

  @Test
  void aGarbageCertificateIsOneLineNamingTheFiles(@TempDir Path dir) throws IOException {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
    Path key = Files.writeString(dir.resolve("key.pem"), "not a key\n");
    CliRun run = CliRun.of("bridge", "serve", "--port", "0", "--tls-cert", cert.toString(), "--tls-key",
        key.toString());
    assertEquals(2, run.exitCode());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("TLS certificate chain " + cert + " or private key " + key + " is not valid PEM"),
        run.err());
  }

  @Test
  void aRemoteIdWithNoServerIsOneLine() {
    CliRun run = CliRun.of("envs", "check", "grpc://127.0.0.1:1/CartPole-v1");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().strip().startsWith("samdp: error: no bridge server answers at 127.0.0.1:1"), run.err());
  }
}
