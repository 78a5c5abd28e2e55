package org.samdp.envs.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Python process of the project's {@code .venv} (which {@code ./samdp} sets up with the bridge package), read line
 * by line with a bounded wait, so that a stuck peer fails a test instead of hanging it.
 */
final class PythonProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String END = "\u0000end";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();

  private PythonProcess(Process process) {
    this.process = process;
    Thread out = new Thread(() -> pump(process.getInputStream(), lines, null), "python-stdout");
    Thread err = new Thread(() -> pump(process.getErrorStream(), null, stderr), "python-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
  }

  static Path python() {
    String root = System.getProperty("samdp.root", System.getProperty("user.dir"));
    return Path.of(root).resolve(".venv").resolve("bin").resolve("python");
  }

  /** Fails with what to do when the virtual environment lacks the bridge package. */
  static void requireBridgePackage() throws IOException, InterruptedException {
    String howTo = "; run `./samdp test` (or any ./samdp command) once: it installs the bridge package into .venv";
    if (!Files.isExecutable(python())) {
      throw new AssertionError("no Python at " + python() + howTo);
    }
    Process probe = new ProcessBuilder(python().toString(), "-c", "import samdp_bridge.server, ale_py")
        .redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (probe.waitFor() != 0) {
      throw new AssertionError(".venv cannot import samdp_bridge: " + output + howTo);
    }
  }

  /** Runs {@code python -m module args...} or {@code python script args...} with extra environment variables. */
  static PythonProcess start(Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(python().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.environment().put("PYTHONUNBUFFERED", "1");
    try {
      return new PythonProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** A test resource script copied to a temp file, to run with {@link #start}. */
  static Path script(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream source = PythonProcess.class.getResourceAsStream(name)) {
      if (source == null) {
        throw new IllegalStateException("test resource " + name + " is missing");
      }
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /** The next line of output; fails if none comes within {@code limit} or the process ended. */
  String nextLine(Duration limit) throws InterruptedException {
    String line = lines.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new AssertionError("no output from Python within " + limit.toSeconds() + " s; stderr:\n" + stderr());
    }
    if (line.equals(END)) {
      lines.add(END);
      throw new AssertionError("Python exited (" + exitCode() + "); stderr:\n" + stderr());
    }
    return line;
  }

  JsonNode nextJson(Duration limit) throws InterruptedException, IOException {
    return JSON.readTree(nextLine(limit));
  }

  /** Every remaining JSON line until the process exits. */
  List<JsonNode> allJson(Duration limit) throws InterruptedException, IOException {
    List<JsonNode> all = new ArrayList<>();
    long end = System.nanoTime() + limit.toNanos();
    while (true) {
      String line = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("Python did not finish within " + limit.toSeconds() + " s; stderr:\n" + stderr());
      }
      if (line.equals(END)) {
        if (exitCode() != 0) {
          throw new AssertionError("Python failed (" + exitCode() + "); stderr:\n" + stderr());
        }
        return all;
      }
      all.add(JSON.readTree(line));
    }
  }

  void send(String text) throws IOException {
    Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    in.write(text);
    in.flush();
  }

  void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  /** Ends the process as a crash would (SIGKILL: no cleanup, no goodbye to the server). */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString();
    }
  }

  private int exitCode() throws InterruptedException {
    process.waitFor(10, TimeUnit.SECONDS);
    return process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public void close() {
    kill();
  }

  private static void pump(InputStream stream, BlockingQueue<String> lines, StringBuilder text) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (lines != null) {
          lines.add(line);
        } else {
          synchronized (text) {
            text.append(line).append('\n');
          }
        }
      }
    } catch (IOException e) {
      // the process ended
    } finally {
      if (lines != null) {
        lines.add(END);
      }
    }
  }
}
