package pgw.node.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pgw.node.compat.CaseTable.Case;
import pgw.node.compat.CaseTable.Outcome;
import pgw.node.compat.CaseTable.Step;

/**
 * Replays a case against upstream and against our cluster and compares: statuses, message prefixes,
 * chosen headers, and the scraped lines of the case's groups. Either side may be absent (then the
 * table's expectations for the other side are still checked). A difference is accepted only where
 * the table names the §0.1 decision that makes it.
 */
final class Differential {
  private static final Pattern DECISION = Pattern.compile("D([1-9]|1[0-9])|§12\\.2");
  private static final Pattern PUSH_TIME =
      Pattern.compile("^(push_(?:failure_)?time_seconds\\{[^}]*\\}) (.+)$");

  private final Http ours;
  private final Http upstream;

  Differential(Http ours, Http upstream) {
    this.ours = ours;
    this.upstream = upstream;
  }

  void run(Case c) {
    for (Step step : c.steps()) {
      String where = c.id() + " (line " + step.line() + ")";
      if (step.decision() != null && !DECISION.matcher(step.decision()).matches()) {
        throw new AssertionError(
            where + ": " + step.decision() + " is neither a decision of §0.1 nor §12.2");
      }
      if (step.isScrape()) {
        scrape(where, step);
      } else {
        request(where, step);
      }
    }
  }

  private void request(String where, Step step) {
    Http.Answer up = null;
    Http.Answer our = null;
    if (upstream != null && !step.skipsUpstream()) {
      up = upstream.send(step.request());
      check(where, step, upstream, step.upstream(), up);
    }
    if (ours != null) {
      our = ours.send(step.request());
      check(where, step, ours, step.ours(), our);
    }
    boolean sameExpected = step.decision() == null;
    boolean unspecifiedBody = step.ours().prefix() == null && step.exactBody() == null;
    if (up != null
        && our != null
        && sameExpected
        && unspecifiedBody
        && !step.request().method().equals("GET")) {
      if (!up.body().equals(our.body())) {
        throw new AssertionError(
            where + " " + step.request() + ": upstream answered " + up + ", ours " + our);
      }
    }
  }

  private static void check(String where, Step step, Http target, Outcome want, Http.Answer got) {
    String what = where + " " + step.request() + " on " + target.name() + ": ";
    if (got.status() != want.status()) {
      throw new AssertionError(what + "want " + want.status() + ", got " + got);
    }
    if (want.prefix() != null && !got.body().startsWith(want.prefix())) {
      throw new AssertionError(
          what + "want a body starting " + Http.GoQuoted.of(want.prefix()) + ", got " + got);
    }
    if (step.exactBody() != null && !got.body().equals(step.exactBody())) {
      throw new AssertionError(
          what + "want body " + Http.GoQuoted.of(step.exactBody()) + ", got " + got);
    }
    for (String h : step.headers()) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon).strip();
      String value = h.substring(colon + 1).strip();
      if (!value.equals(got.header(name))) {
        throw new AssertionError(
            what + "want header " + name + ": " + value + ", got " + got.header(name) + " " + got);
      }
    }
  }

  private void scrape(String where, Step step) {
    List<String> up =
        upstream == null || step.skipsUpstream()
            ? null
            : scrapeLines(where, upstream, step.upstream(), step);
    List<String> our = ours == null ? null : scrapeLines(where, ours, step.ours(), step);
    List<String> differOn = step.differOn();
    for (int i = 0; i < differOn.size(); i += 4) {
      String prefix = differOn.get(i);
      String ourLine = differOn.get(i + 1);
      if (our != null) {
        requireLine(where, "ours", our, ourLine::equals, ourLine);
        our.removeIf(l -> l.startsWith(prefix));
      }
      if (up != null) {
        Pattern p = Pattern.compile(differOn.get(i + 2));
        requireLine(where, "upstream", up, l -> p.matcher(l).matches(), differOn.get(i + 2));
        up.removeIf(l -> l.startsWith(prefix));
      }
    }
    if (up != null && our != null && !up.equals(our)) {
      throw new AssertionError(
          where
              + " scrape of job="
              + step.scrapeJob()
              + "* differs:\nupstream:\n  "
              + String.join("\n  ", up)
              + "\nours:\n  "
              + String.join("\n  ", our));
    }
  }

  private static List<String> scrapeLines(String where, Http target, Outcome want, Step step) {
    Http.Answer a = target.scrape();
    if (a.status() != want.status()) {
      throw new AssertionError(
          where + " scrape on " + target.name() + ": want " + want.status() + ", got " + a);
    }
    if (a.status() != 200) {
      return null;
    }
    List<String> lines = groupLines(a.body(), step.scrapeJob());
    for (String h : step.has()) {
      requireLine(where, target.name(), lines, h::equals, h);
    }
    return lines;
  }

  private static void requireLine(
      String where,
      String target,
      List<String> lines,
      java.util.function.Predicate<String> p,
      String what) {
    if (lines != null && lines.stream().noneMatch(p)) {
      throw new AssertionError(
          where
              + " scrape on "
              + target
              + ": no line "
              + Http.GoQuoted.of(what)
              + " in\n  "
              + String.join("\n  ", lines));
    }
  }

  /**
   * The exposition lines of groups whose job starts with {@code jobPrefix}, with the HELP/TYPE
   * lines of their families; push-time values other than 0 become {@code <time>}.
   */
  static List<String> groupLines(String exposition, String jobPrefix) {
    String marker = "job=\"" + jobPrefix;
    List<String> out = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        if (!header.isEmpty() && !familyOf(header.getFirst()).equals(familyOf(line))) {
          header.clear();
        }
        header.add(line);
        continue;
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      if (brace < 0 || !(line.contains("{" + marker) || line.contains("," + marker))) {
        continue;
      }
      out.addAll(header);
      header.clear();
      Matcher m = PUSH_TIME.matcher(line);
      out.add(m.matches() && !m.group(2).equals("0") ? m.group(1) + " <time>" : line);
    }
    return out;
  }

  private static String familyOf(String headerLine) {
    int end = headerLine.indexOf(' ', 7);
    return headerLine.substring(7, end < 0 ? headerLine.length() : end);
  }
}
