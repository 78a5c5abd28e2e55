package org.samdp.experiments.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ./samdp ...} command written in a Markdown page: in a fenced code block, or in an inline code span.
 * A command ends where the shell would end it ({@code ;}, {@code &&}, a pipe, a redirect) or at a comment.
 *
 * @param where the page and line, for messages
 * @param args the arguments after {@code ./samdp}, as the shell splits them
 */
record DocCommand(String where, List<String> args) {
  private static final String PREFIX = "./samdp";
  private static final Pattern INLINE = Pattern.compile("`(\\./samdp(?:\\s[^`]*)?)`");

  /** Every command of a Markdown page, in the order written. */
  static List<DocCommand> in(String markdown, String page) {
    List<DocCommand> commands = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    boolean fenced = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      int number = i + 1;
      if (fenced) {
        // A backslash at the end continues the shell line.
        StringBuilder joined = new StringBuilder(line);
        while (joined.toString().endsWith("\\") && i + 1 < lines.length) {
          joined.setLength(joined.length() - 1);
          joined.append(' ').append(lines[++i].strip());
        }
        for (String text : commandsIn(joined.toString())) {
          commands.add(new DocCommand(page + ":" + number, split(text)));
        }
      } else {
        Matcher inline = INLINE.matcher(line);
        while (inline.find()) {
          commands.add(new DocCommand(page + ":" + number, split(inline.group(1))));
        }
      }
    }
    return commands;
  }

  /** The command texts of one shell line: from each {@code ./samdp} to where the shell would end it. */
  private static List<String> commandsIn(String line) {
    List<String> texts = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = line.indexOf(PREFIX, from);
      if (start < 0) {
        return texts;
      }
      int end = start + PREFIX.length();
      boolean atWordStart = start == 0 || Character.isWhitespace(line.charAt(start - 1));
      boolean atWordEnd = end == line.length() || Character.isWhitespace(line.charAt(end));
      if (atWordStart && atWordEnd) {
        end = endOfCommand(line, end);
        texts.add(line.substring(start, end));
      }
      from = end;
    }
  }

  private static int endOfCommand(String line, int from) {
    char quote = 0;
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (";&|<>".indexOf(c) >= 0 || (c == '#' && Character.isWhitespace(line.charAt(i - 1)))) {
        return i;
      }
    }
    return line.length();
  }

  /** The words after {@code ./samdp}, split on blanks, quotes removed. */
  private static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : text.substring(PREFIX.length()).toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
