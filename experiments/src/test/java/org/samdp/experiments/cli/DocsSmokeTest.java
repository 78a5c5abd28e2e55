package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The commands written in README.md and docs/*.md, checked against the real command line. */
class DocsSmokeTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#+ (.*)$", Pattern.MULTILINE);
  private static final Pattern PUNCTUATION = Pattern.compile("[^\\w\\- ]", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Path ROOT = Path.of(System.getProperty("samdp.root", "..")).toAbsolutePath().normalize();

  @Test
  void everyDocumentedCommandParsesAndNamesWhatExists() {
    assertNoProblems(new DocCommandCheck(ROOT, false), command -> true);
  }

  @Test
  @Tag("native") // envs list makes every registered env, the MuJoCo ones included
  void documentedCommandsThatLoadMuJoCoRunToo() {
    assertNoProblems(new DocCommandCheck(ROOT, true), DocCommandCheck::needsNative);
  }

  @Test
  void everyLinkBetweenThePagesLeadsToAFileAndHeadingThatExist() {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      Matcher link = LINK.matcher(read(page));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("[a-z]+://.*")) {
          continue;
        }
        String file = target.replaceFirst("#.*", "");
        Path linked = file.isEmpty() ? page : page.resolveSibling(file).normalize();
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        if (!Files.exists(linked)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
        } else if (anchor != null && !anchors(linked).contains(anchor)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  void aTypoInADocumentedCommandIsFound() {
    String page = """
        Train it:

        ```bash
        ./samdp train --algo ppo --env CartPole-v1 --out runs/a   # fine
        ./samdp train --algo ppo --env CartPole-v1 --ouput runs/b
        ./samdp trian --algo ppo
        ./samdp train --algo sa-ppo --preset hoper --out runs/c
        ./samdp evaluate --policy runs/a --env CartPol-v1
        ./samdp train --algo ppo --env CartPole-v1 --set ppo.clipp=0.1 --out runs/d
        ./samdp train --algo ppo --config experiments/configs/missing.yaml --out runs/e
        ./samdp test -Punit --fast
        ./samdp trian --help
        ```

        Then `./samdp attack --run runs/a --eps 0.1 --atack mad` and `./samdp presets`.
        """;
    List<DocCommand> commands = DocCommand.in(page, "page.md");
    assertEquals(11, commands.size(), commands.toString());
    DocCommandCheck check = new DocCommandCheck(ROOT, false);
    List<String> failing = new ArrayList<>();
    for (DocCommand command : commands) {
      if (!check.problems(command).isEmpty()) {
        failing.add(command.where());
      }
    }
    assertEquals(List.of("page.md:5", "page.md:6", "page.md:7", "page.md:8", "page.md:9", "page.md:10",
        "page.md:11", "page.md:12", "page.md:15"), failing);
  }

  @Test
  void commandsAreReadAsTheShellSplitsThem() {
    String page = """
        ```bash
        for e in 0.1 0.2; do ./samdp attack --run runs/a --eps $e --attack mad; done   # a loop
        ./samdp train --algo ppo --env CartPole-v1 \\
          --set 'ppo.clip=0.1' --out runs/a && ./samdp report runs/a
        ```
        """;
    List<DocCommand> commands = DocCommand.in(page, "page.md");
    assertEquals(List.of("attack", "--run", "runs/a", "--eps", "$e", "--attack", "mad"), commands.get(0).args());
    assertEquals(List.of("train", "--algo", "ppo", "--env", "CartPole-v1", "--set", "ppo.clip=0.1", "--out",
        "runs/a"), commands.get(1).args());
    assertEquals(List.of("report", "runs/a"), commands.get(2).args());
    DocCommandCheck check = new DocCommandCheck(ROOT, false);
    for (DocCommand command : commands) {
      assertEquals(List.of(), check.problems(command), command.toString());
    }
  }

  private static void assertNoProblems(DocCommandCheck check, Predicate<DocCommand> which) {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      for (DocCommand command : DocCommand.in(read(page), ROOT.relativize(page).toString())) {
        if (!which.test(command)) {
          continue;
        }
        checked++;
        check.problems(command).forEach(p -> problems.add(command.where() + ": ./samdp "
            + String.join(" ", command.args()) + "\n    " + p));
      }
    }
    assertTrue(checked > 0, "no commands found in " + pages());
    assertEquals("", String.join("\n", problems), problems.size() + " documented commands are wrong");
  }

  /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, blanks as hyphens. */
  private static Set<String> anchors(Path page) {
    Set<String> anchors = new HashSet<>();
    Matcher heading = HEADING.matcher(read(page));
    while (heading.find()) {
      anchors.add(PUNCTUATION.matcher(heading.group(1).strip().toLowerCase(Locale.ROOT)).replaceAll("")
          .replace(' ', '-'));
    }
    return anchors;
  }

  private static List<Path> pages() {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  private static String read(Path page) {
    try {
      return Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
