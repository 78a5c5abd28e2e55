package org.samdp.agents.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The JSON mapper for state files: pretty, unknown fields rejected, written atomically. */
public final class Json {
  /** The shared mapper. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Json() {}

  /** Writes {@code value} as JSON, atomically. */
  public static void write(Path file, Object value) {
    try {
      AtomicFiles.writeString(file, MAPPER.writeValueAsString(value) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Reads a JSON file as {@code type}.
   *
   * @throws IllegalArgumentException naming the file, for a file that is missing or not what it should hold
   */
  public static <T> T read(Path file, Class<T> type) {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new IllegalArgumentException(file + " is missing", e);
    } catch (JsonProcessingException e) {
      // Jackson's message names classes and a source pointer; the first line and the location say what is wrong.
      String problem = e.getOriginalMessage().lines().findFirst().orElse("unreadable");
      String where = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw new IllegalArgumentException(file + " is not valid: " + problem.replaceAll(" \\(class [^)]*\\)", "")
          + where + "; restore it or write it again", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
