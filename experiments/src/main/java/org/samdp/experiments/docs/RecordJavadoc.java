package org.samdp.experiments.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The javadoc of the records and enums declared in one Java source file: each record's description and its
 * {@code @param} lines, each enum constant's description, as Markdown. A small parser for how this repository writes
 * them (a {@code /** ... *}{@code /} comment right before {@code record Name(} or before an enum constant, block tags
 * at the start of a line), not a general javadoc tool.
 *
 * @param records by simple name, nested records included
 * @param enums by simple name, each constant's description by its name
 */
public record RecordJavadoc(Map<String, Doc> records, Map<String, Map<String, String>> enums) {
  private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*[(<]");
  private static final Pattern ENUM = Pattern.compile("\\benum\\s+(\\w+)\\s*\\{");
  /** One enum constant with its javadoc, then what ends it: a comma, or the end of the constants. */
  private static final Pattern CONSTANT = Pattern.compile("\\G\\s*(?:/\\*\\*(.*?)\\*/)?\\s*(\\w+)\\s*([,;}])",
      Pattern.DOTALL);
  /** What may stand between a javadoc comment and its record keyword: modifiers and annotations. */
  private static final Pattern BETWEEN = Pattern.compile("(\\s|@\\w+(\\([^)]*\\))?|public|static|final|private|"
      + "protected)*");
  private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^@(\\w+)\\s*");

  /**
   * One record's javadoc.
   *
   * @param description the text before the block tags (Markdown)
   * @param params each {@code @param}'s text by component name (Markdown), in the order written
   */
  public record Doc(String description, Map<String, String> params) {}

  /** Reads the records' javadoc out of a Java source text. */
  public static RecordJavadoc parse(String source) {
    Map<String, Doc> records = new LinkedHashMap<>();
    Matcher record = RECORD.matcher(source);
    while (record.find()) {
      String comment = commentBefore(source, record.start());
      if (comment != null) {
        records.put(record.group(1), doc(comment));
      }
    }
    Map<String, Map<String, String>> enums = new LinkedHashMap<>();
    Matcher declaration = ENUM.matcher(source);
    while (declaration.find()) {
      Map<String, String> constants = new LinkedHashMap<>();
      Matcher constant = CONSTANT.matcher(source).region(declaration.end(), source.length());
      while (constant.find()) {
        constants.put(constant.group(2), constant.group(1) == null ? "" : doc(constant.group(1)).description());
        if (!constant.group(3).equals(",")) {
          break;
        }
      }
      enums.put(declaration.group(1), constants);
    }
    return new RecordJavadoc(records, enums);
  }

  /** The javadoc of record {@code name}, or an empty one if it has none. */
  public Doc of(String name) {
    return records.getOrDefault(name, new Doc("", Map.of()));
  }

  /** The body of the javadoc comment that ends right before {@code position}, or null. */
  private static String commentBefore(String source, int position) {
    int end = source.lastIndexOf("*/", position);
    if (end < 0 || !BETWEEN.matcher(source.substring(end + 2, position)).matches()) {
      return null;
    }
    int start = source.lastIndexOf("/**", end);
    return start < 0 ? null : source.substring(start + 3, end);
  }

  private static Doc doc(String comment) {
    StringBuilder lines = new StringBuilder();
    for (String line : comment.split("\n")) {
      lines.append(line.replaceFirst("^\\s*\\*? ?", "")).append('\n');
    }
    String text = lines.toString();
    Matcher tag = BLOCK_TAG.matcher(text);
    List<int[]> tags = new ArrayList<>();
    while (tag.find()) {
      tags.add(new int[] {tag.start(), tag.end()});
    }
    String description = markdown(text.substring(0, tags.isEmpty() ? text.length() : tags.get(0)[0]));
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < tags.size(); i++) {
      String body = text.substring(tags.get(i)[1], i + 1 < tags.size() ? tags.get(i + 1)[0] : text.length());
      if (text.startsWith("@param", tags.get(i)[0])) {
        String[] nameAndText = body.strip().split("\\s+", 2);
        params.put(nameAndText[0], nameAndText.length > 1 ? markdown(nameAndText[1]) : "");
      }
    }
    return new Doc(description, params);
  }

  /** Javadoc text as one Markdown line: inline tags as code, paragraphs as spaces, whitespace collapsed. */
  static String markdown(String javadoc) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < javadoc.length()) {
      int open = javadoc.indexOf("{@", i);
      if (open < 0) {
        out.append(javadoc, i, javadoc.length());
        break;
      }
      out.append(javadoc, i, open);
      int close = matchingBrace(javadoc, open);
      out.append(inlineTag(javadoc.substring(open + 2, close)));
      i = close + 1;
    }
    return out.toString().replaceAll("</?p>", " ").replaceAll("\\s+", " ").strip();
  }

  private static int matchingBrace(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed javadoc tag at: " + text.substring(open));
  }

  /** {@code code x} as `x`; {@code link a.B#c label} as its label, else `c` (or `B`). */
  private static String inlineTag(String tag) {
    String[] kindAndBody = tag.split("\\s+", 2);
    String body = kindAndBody.length > 1 ? kindAndBody[1].strip() : "";
    if (kindAndBody[0].equals("code") || kindAndBody[0].equals("literal")) {
      return "`" + body + "`";
    }
    String[] targetAndLabel = body.split("\\s+", 2);
    if (targetAndLabel.length > 1) {
      return targetAndLabel[1];
    }
    String target = targetAndLabel[0];
    String member = target.contains("#") ? target.substring(target.indexOf('#') + 1) : target;
    return "`" + member.substring(member.lastIndexOf('.') + 1) + "`";
  }
}
