package org.samdp.envs.mujoco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Gymnasium's own MuJoCo envs, run by the project's {@code .venv} Python through {@code gymnasium_peer.py} (shipped
 * beside this class; one JSON command per line each way). Parity tests compare against it and {@code samdp envs bench}
 * times it. Floats cross as shortest round-trip decimals, so they arrive bit for bit.
 */
public final class GymnasiumPeer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCRIPT = "gymnasium_peer.py";

  private final Process process;
  private final Path script;
  private final BufferedWriter in;
  private final BufferedReader out;

  private GymnasiumPeer(Process process, Path script) {
    this.process = process;
    this.script = script;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The virtual environment's Python. */
  public static Path python() {
    return MuJoCoLocator.projectRoot().resolve(".venv").resolve("bin").resolve("python");
  }

  /** True if the virtual environment has Python with gymnasium and mujoco. */
  public static boolean isAvailable() {
    if (!Files.isExecutable(python())) {
      return false;
    }
    try {
      Process probe = new ProcessBuilder(python().toString(), "-c", "import gymnasium, mujoco")
          .redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts the peer process; its stderr goes to ours. */
  public static GymnasiumPeer start() {
    try {
      Path script = Files.createTempFile("samdp-", "-" + SCRIPT);
      try (InputStream source = GymnasiumPeer.class.getResourceAsStream(SCRIPT)) {
        if (source == null) {
          throw new IllegalStateException("resource " + SCRIPT + " is missing from the samdp-envs jar");
        }
        Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
      }
      Process process = new ProcessBuilder(python().toString(), script.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      return new GymnasiumPeer(process, script);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Gymnasium peer with " + python(), e);
    }
  }

  /** Sends one command (see the script's docstring) and returns the answer; an answer with an error throws. */
  public JsonNode call(String command, Map<String, Object> arguments) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("cmd", command);
    request.putAll(arguments);
    try {
      in.write(JSON.writeValueAsString(request));
      in.newLine();
      in.flush();
      String line = out.readLine();
      if (line == null) {
        throw new IllegalStateException("the Gymnasium peer exited (see its stderr above)");
      }
      JsonNode answer = JSON.readTree(line);
      if (answer.has("error")) {
        throw new IllegalStateException("Gymnasium peer: " + answer.get("error").asText());
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("the Gymnasium peer stopped answering", e);
    }
  }

  /** A JSON array of numbers as a {@code double[]}. */
  public static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  @Override
  public void close() {
    try {
      in.close();
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      // the process is going away anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroy();
      try {
        Files.deleteIfExists(script);
      } catch (IOException e) {
        // a leftover temp file is harmless
      }
    }
  }
}
