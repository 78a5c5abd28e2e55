package org.samdp.envs.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * Where the fields samdp reads live in {@code mjModel} and {@code mjData}, for the MuJoCo version in use.
 *
 * <p>The numbers come from {@code layout_probe.c}, compiled with gcc against the headers shipped beside the library
 * and run once; its output is cached as {@code .samdp/mujoco/layout-VERSION-PROBE.properties} (PROBE: a checksum of
 * the probe's source, so that a changed probe is rerun). Struct layouts change
 * between MuJoCo releases (3.x widened the model's counts to 64 bits, for one), so nothing here is hard-coded.
 */
final class MjLayout {
  private static final String PROBE_RESOURCE = "layout_probe.c";

  private final Properties values;

  private MjLayout(Properties values) {
    this.values = values;
  }

  /** The layout for {@code libraryVersion} (e.g. 3014000): from the cache, else by running the probe. */
  static MjLayout load(MuJoCoLocator.Location location, int libraryVersion) {
    byte[] probe = probeSource();
    CRC32 checksum = new CRC32();
    checksum.update(probe);
    Path cached = location.cacheDir()
        .resolve("layout-" + libraryVersion + "-" + Long.toHexString(checksum.getValue()) + ".properties");
    if (Files.isRegularFile(cached)) {
      try (Reader reader = Files.newBufferedReader(cached, StandardCharsets.UTF_8)) {
        Properties properties = new Properties();
        properties.load(reader);
        if (Integer.toString(libraryVersion).equals(properties.getProperty("header_version"))) {
          return new MjLayout(properties);
        }
      } catch (IOException | IllegalArgumentException e) {
        // An unreadable cache is rebuilt below.
      }
    }
    String output = runProbe(location, probe);
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(output));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String headerVersion = properties.getProperty("header_version");
    if (!Integer.toString(libraryVersion).equals(headerVersion)) {
      throw new MuJoCoUnavailableException("the headers in " + location.includeDir() + " are of MuJoCo " + headerVersion
          + " but the library " + location.library() + " is " + libraryVersion + "; point "
          + MuJoCoLocator.INCLUDE_VARIABLE + " at the headers of the same release");
    }
    writeCache(cached, output);
    return new MjLayout(properties);
  }

  /** Byte offset of a pointer or scalar member, e.g. {@code model.body_mass} or {@code data.time}. */
  long offset(String key) {
    String value = required(key);
    int colon = value.indexOf(':');
    return Long.parseLong(colon < 0 ? value : value.substring(0, colon));
  }

  /** Byte size of a scalar member (4 or 8 for integers), e.g. {@code model.nq}. */
  int size(String key) {
    String value = required(key);
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw new IllegalStateException("layout entry " + key + " has no size: " + value);
    }
    return Integer.parseInt(value.substring(colon + 1));
  }

  /** A constant printed by the probe (enum values, struct sizes). */
  int constant(String key) {
    return Integer.parseInt(required(key));
  }

  private String required(String key) {
    String value = values.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("the MuJoCo layout probe printed no entry '" + key + "'; delete the cached "
          + "layout under .samdp/mujoco/ and retry");
    }
    return value;
  }

  private static byte[] probeSource() {
    try (InputStream in = MjLayout.class.getResourceAsStream(PROBE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + PROBE_RESOURCE + " is missing from the samdp-envs jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String runProbe(MuJoCoLocator.Location location, byte[] probe) {
    Path header = location.includeDir().resolve("mujoco").resolve("mujoco.h");
    if (!Files.isRegularFile(header)) {
      throw new MuJoCoUnavailableException("no MuJoCo headers at " + header + ", needed once to read the struct "
          + "layout of " + location.library() + ". " + MuJoCoLocator.howToGetIt());
    }
    try {
      Path work = Files.createTempDirectory("samdp-mujoco-probe");
      try {
        Path source = Files.write(work.resolve(PROBE_RESOURCE), probe);
        Path binary = work.resolve("layout_probe");
        run(List.of("gcc", "-std=c11", "-I" + location.includeDir(), "-o", binary.toString(), source.toString()),
            "compiling the MuJoCo layout probe with gcc (install gcc if it is missing)");
        return run(List.of(binary.toString()), "running the MuJoCo layout probe");
      } finally {
        deleteTree(work);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the MuJoCo struct layout", e);
    }
  }

  private static String run(List<String> command, String what) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new MuJoCoUnavailableException(what + " failed: " + e.getMessage(), e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new MuJoCoUnavailableException(what + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MuJoCoUnavailableException(what + " was interrupted", e);
    }
    return output;
  }

  /** Writes through a temp file and a move, so that a concurrent reader never sees half a cache. */
  private static void writeCache(Path cached, String output) {
    try {
      Files.createDirectories(cached.getParent());
      Path temp = Files.createTempFile(cached.getParent(), "layout", ".tmp");
      Files.writeString(temp, output, StandardCharsets.UTF_8);
      Files.move(temp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // The cache only saves a gcc run next time; a read-only checkout still works.
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (var walk = Files.walk(dir)) {
      walk.forEach(paths::add);
    }
    for (int i = paths.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(paths.get(i));
    }
  }
}
