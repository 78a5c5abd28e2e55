package org.samdp.envs.mujoco;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code libmujoco.so} and its headers: the file named by {@code SAMDP_MUJOCO_LIB}, else the one in the
 * project's virtual environment ({@code .venv/lib/python3.X/site-packages/mujoco/}, where the official wheel puts it).
 */
final class MuJoCoLocator {
  /** Environment variable naming a {@code libmujoco.so*} file to load instead of the virtual environment's. */
  static final String LIBRARY_VARIABLE = "SAMDP_MUJOCO_LIB";
  /** Environment variable naming the include directory (holding {@code mujoco/mujoco.h}) of that library. */
  static final String INCLUDE_VARIABLE = "SAMDP_MUJOCO_INCLUDE";

  /** Where the library, its headers and samdp's cache for it live. */
  record Location(Path library, Path includeDir, Path cacheDir) {}

  private MuJoCoLocator() {}

  static Location locate() {
    Path root = projectRoot();
    Path cacheDir = root.resolve(".samdp").resolve("mujoco");
    String named = System.getenv(LIBRARY_VARIABLE);
    if (named != null && !named.isBlank()) {
      Path library = Path.of(named).toAbsolutePath();
      if (!Files.isRegularFile(library)) {
        throw new MuJoCoUnavailableException(LIBRARY_VARIABLE + " names " + library + ", which is not a file. "
            + howToGetIt());
      }
      return new Location(library, includeDirFor(library), cacheDir);
    }
    for (Path candidate = root; candidate != null; candidate = candidate.getParent()) {
      Path library = findInVenv(candidate.resolve(".venv"));
      if (library != null) {
        return new Location(library, includeDirFor(library), candidate.resolve(".samdp").resolve("mujoco"));
      }
    }
    throw new MuJoCoUnavailableException("no libmujoco.so found in " + root.resolve(".venv") + " (nor in a .venv of a "
        + "parent directory). " + howToGetIt());
  }

  static String howToGetIt() {
    return "Run `./samdp test` or any `./samdp envs ...` command once: it creates .venv with the mujoco wheel that "
        + "holds the library. Or set " + LIBRARY_VARIABLE + " to a libmujoco.so file (and " + INCLUDE_VARIABLE
        + " to its include directory if it is not beside the library).";
  }

  /** The repository root: system property {@code samdp.root} (set by surefire and ./samdp), else the working dir. */
  static Path projectRoot() {
    String root = System.getProperty("samdp.root");
    return Path.of(root != null && !root.isBlank() ? root : System.getProperty("user.dir")).toAbsolutePath();
  }

  private static Path findInVenv(Path venv) {
    Path lib = venv.resolve("lib");
    if (!Files.isDirectory(lib)) {
      return null;
    }
    try (DirectoryStream<Path> pythons = Files.newDirectoryStream(lib, "python3*")) {
      for (Path python : pythons) {
        Path found = findLibrary(python.resolve("site-packages").resolve("mujoco"));
        if (found != null) {
          return found;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private static Path findLibrary(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    List<Path> libraries = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "libmujoco.so*")) {
      files.forEach(libraries::add);
    }
    libraries.sort(null);
    return libraries.isEmpty() ? null : libraries.get(0);
  }

  /** {@code SAMDP_MUJOCO_INCLUDE}, else {@code include/} beside the library (the wheel's layout), else its parent's. */
  private static Path includeDirFor(Path library) {
    String named = System.getenv(INCLUDE_VARIABLE);
    if (named != null && !named.isBlank()) {
      return Path.of(named).toAbsolutePath();
    }
    Path dir = library.getParent();
    Path beside = dir.resolve("include");
    if (Files.isRegularFile(beside.resolve("mujoco").resolve("mujoco.h"))) {
      return beside;
    }
    return dir.getParent() == null ? beside : dir.getParent().resolve("include");
  }
}
