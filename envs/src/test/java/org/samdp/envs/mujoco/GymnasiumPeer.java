package org.samdp.envs.mujoco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gymnasium's MuJoCo envs in the project's {@code .venv}, driven through {@code src/test/python/gymnasium_peer.py}
 * (one JSON command per line each way). Floats cross as shortest round-trip decimals, so they arrive bit for bit.
 */
final class GymnasiumPeer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;

  private GymnasiumPeer(Process process) {
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static Path root() {
    return Path.of(System.getProperty("samdp.root", System.getProperty("user.dir"))).toAbsolutePath();
  }

  static Path python() {
    return root().resolve(".venv").resolve("bin").resolve("python");
  }

  /** True if the virtual environment has Python with gymnasium and mujoco. */
  static boolean isAvailable() {
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

  static GymnasiumPeer start() throws IOException {
    Path script = root().resolve("envs").resolve("src").resolve("test").resolve("python").resolve("gymnasium_peer.py");
    Process process = new ProcessBuilder(python().toString(), script.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new GymnasiumPeer(process);
  }

  /** Sends one command and returns the answer; an answer with an error fails. */
  JsonNode call(String command, Map<String, Object> arguments) {
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
      throw new UncheckedIOException(e);
    }
  }

  static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  static List<double[]> rows(JsonNode array) {
    List<double[]> rows = new ArrayList<>();
    array.forEach(row -> rows.add(doubles(row)));
    return rows;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // the process is going away anyway
    }
    process.destroy();
  }
}
