package pgw.node.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a case file ({@code src/test/resources/compat/*.cases}). Grammar, one step per line:
 *
 * <pre>
 * flags --web.enable-admin-api ...            server flags, for upstream and for every node
 * case C03 free text title                     starts a case
 *   PUT /metrics/job/c03 [header "N: v"]* [body|gzip|hex "…" | protobuf|proto-bytes NAME] -> EXPECT
 *   scrape c03 [-> ours S upstream S because Dn] [has "line"]* [differ-on "prefix" ours "line"
 *       upstream "regex" because Dn]
 * EXPECT: S ["message prefix"] [header "N: v"]* [body "exact"]
 *       | ours S ["prefix"] upstream (S ["prefix"] | skip) because Dn [header|body as above]
 * </pre>
 *
 * Quoted strings take {@code \n \r \t \" \\} and {@code \xHH} (a raw byte); {@code #} starts a
 * comment line.
 */
final class CaseTable {
  record Outcome(int status, String prefix) {}

  /** One request, or a scrape when {@code request} is null. */
  record Step(
      int line,
      Http.Request request,
      Outcome ours,
      Outcome upstream,
      String decision,
      List<String> headers,
      String exactBody,
      String scrapeJob,
      List<String> has,
      List<String> differOn) {
    boolean isScrape() {
      return request == null;
    }

    boolean skipsUpstream() {
      return upstream == null;
    }
  }

  record Case(String id, String title, List<Step> steps) {}

  record Table(String name, List<String> flags, List<Case> cases) {}

  private CaseTable() {}

  static Table load(String resource) {
    try (InputStream in = CaseTable.class.getResourceAsStream("/compat/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no case file " + resource);
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Table parse(String name, String text) {
    List<String> flags = new ArrayList<>();
    List<Case> cases = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        List<Object> t = tokens(line);
        String first = (String) t.get(0);
        if (first.equals("flags")) {
          t.subList(1, t.size()).forEach(f -> flags.add((String) f));
        } else if (first.equals("case")) {
          cases.add(
              new Case(
                  (String) t.get(1), line.substring(line.indexOf(' ', 5) + 1), new ArrayList<>()));
        } else {
          cases.getLast().steps().add(step(n + 1, t));
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(name + ":" + (n + 1) + ": " + e.getMessage(), e);
      }
    }
    return new Table(name, List.copyOf(flags), List.copyOf(cases));
  }

  private static Step step(int line, List<Object> t) {
    Cursor c = new Cursor(t);
    String verb = c.word();
    Http.Request request = null;
    String scrapeJob = null;
    List<Map.Entry<String, String>> reqHeaders = new ArrayList<>();
    byte[] body = null;
    if (verb.equals("scrape")) {
      scrapeJob = c.word();
    } else {
      String path = c.word();
      while (c.more() && !c.peekIs("->")) {
        switch (c.word()) {
          case "header" -> reqHeaders.add(header(c.text()));
          case "body" -> body = c.bytes();
          case "gzip" -> body = Bodies.gzip(c.bytes());
          case "hex" -> body = Bodies.hex(c.text());
          case "snappy" -> body = Bodies.snappyFramed(c.bytes());
          case "comment-bytes" -> body = Bodies.bigComment(Integer.parseInt(c.word()));
          case "protobuf" -> {
            body = Bodies.protobuf(c.word());
            reqHeaders.add(Map.entry("Content-Type", Bodies.PROTOBUF_TYPE));
          }
          case "proto-bytes" -> body = Bodies.protobuf(c.word());
          default -> throw new IllegalArgumentException("unknown request part " + c.last());
        }
      }
      request = new Http.Request(verb, path, List.copyOf(reqHeaders), body);
    }
    Outcome ours = new Outcome(request == null ? 200 : -1, null);
    Outcome upstream = ours;
    String decision = null;
    List<String> headers = new ArrayList<>();
    List<String> has = new ArrayList<>();
    List<String> differOn = new ArrayList<>();
    String exact = null;
    if (c.more() && c.peekIs("->")) {
      c.word();
      if (c.peekIs("ours")) {
        c.word();
        ours = outcome(c);
        c.expect("upstream");
        if (c.peekIs("skip")) {
          c.word();
          upstream = null;
        } else {
          upstream = outcome(c);
        }
        c.expect("because");
        decision = c.word();
      } else {
        ours = outcome(c);
        upstream = ours;
      }
    } else if (request != null) {
      throw new IllegalArgumentException("a request needs '-> status'");
    }
    while (c.more()) {
      switch (c.word()) {
        case "header" -> headers.add(c.text());
        case "body" -> exact = c.text();
        case "has" -> has.add(c.text());
        case "differ-on" -> {
          differOn.add(c.text());
          c.expect("ours");
          differOn.add(c.text());
          c.expect("upstream");
          differOn.add(c.text());
          c.expect("because");
          differOn.add(c.word());
        }
        default -> throw new IllegalArgumentException("unknown expectation " + c.last());
      }
    }
    return new Step(
        line, request, ours, upstream, decision, headers, exact, scrapeJob, has, differOn);
  }

  private static Outcome outcome(Cursor c) {
    int status = Integer.parseInt(c.word());
    String prefix = c.peekIsText() ? c.text() : null;
    return new Outcome(status, prefix);
  }

  private static Map.Entry<String, String> header(String h) {
    int colon = h.indexOf(':');
    return Map.entry(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
  }

  /** Words are Strings, quoted strings are byte arrays. */
  private static List<Object> tokens(String line) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char ch = line.charAt(i);
      if (ch == ' ' || ch == '\t') {
        i++;
      } else if (ch == '"') {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        i++;
        while (line.charAt(i) != '"') {
          char x = line.charAt(i);
          if (x == '\\') {
            char e = line.charAt(i + 1);
            i += 2;
            switch (e) {
              case 'n' -> b.write('\n');
              case 'r' -> b.write('\r');
              case 't' -> b.write('\t');
              case 'x' -> {
                b.write(Integer.parseInt(line.substring(i, i + 2), 16));
                i += 2;
              }
              default -> b.write(e);
            }
          } else {
            int end = i + Character.charCount(line.codePointAt(i));
            b.writeBytes(line.substring(i, end).getBytes(StandardCharsets.UTF_8));
            i = end;
          }
        }
        i++;
        out.add(b.toByteArray());
      } else {
        int end = i;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
          end++;
        }
        out.add(line.substring(i, end));
        i = end;
      }
    }
    return out;
  }

  private static final class Cursor {
    private final List<Object> t;
    private int i;
    private Object last;

    Cursor(List<Object> t) {
      this.t = t;
    }

    boolean more() {
      return i < t.size();
    }

    boolean peekIs(String w) {
      return more() && w.equals(t.get(i));
    }

    boolean peekIsText() {
      return more() && t.get(i) instanceof byte[];
    }

    Object last() {
      return last instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : last;
    }

    String word() {
      last = t.get(i++);
      if (!(last instanceof String s)) {
        throw new IllegalArgumentException("expected a word, got a quoted string");
      }
      return s;
    }

    byte[] bytes() {
      last = t.get(i++);
      if (!(last instanceof byte[] b)) {
        throw new IllegalArgumentException("expected a quoted string after " + t.get(i - 2));
      }
      return b;
    }

    String text() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    void expect(String w) {
      if (!word().equals(w)) {
        throw new IllegalArgumentException("expected '" + w + "', got " + last);
      }
    }
  }
}
