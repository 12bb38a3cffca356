package pgw.node.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pgw.api.format.ParseException;
import pgw.api.format.TextParser;

/**
 * Seeded fuzzing of a running node over raw HTTP: mutated methods, URLs, headers and bodies (plain,
 * gzip, protobuf, random bytes). Every answer must be 2xx, a redirect, or 4xx with a message; and
 * after every request the node must still scrape with 200 and a parseable exposition (D2).
 */
class BadInputFuzzIT {
  private static final long SEED = 3_2026L;
  private static final int STEPS = 1_000;

  private static final String[] METHODS = {
    "PUT", "PUT", "PUT", "POST", "POST", "DELETE", "GET", "PATCH", "OPTIONS", "HEAD", "FOO"
  };
  private static final String[] PATHS = {
    "/metrics/job/fz",
    "/metrics/job/fz/instance/i",
    "/metrics/job/fz/instance@base64/=",
    "/metrics/job@base64/Zno/x/1",
    "/metrics/job/fz/x/1/x/2",
    "/metrics/job/fz/quantile/q",
    "/metrics/job/fz/a@base64/-_8=",
    "/metrics/job/fz%2Fx/y",
    "/metrics/job/fz/v/%FF",
    "/metrics",
    "/-/healthy",
    "/-/ready",
    "/api/v1/admin/wipe",
    "/metrics/job/",
    "/metrics/job/fz//x"
  };
  private static final String[] CONTENT_TYPES = {
    null,
    "text/plain; version=0.0.4",
    Bodies.PROTOBUF_TYPE,
    "application/vnd.google.protobuf; encoding=delimited",
    "application/openmetrics-text",
    "\u00ff;;=",
  };
  private static final String[] ENCODINGS = {null, null, "gzip", "GZIP", "snappy", "identity", "x"};
  private static final String[] TEXT = {
    "fz 1\n",
    "fz{instance=\"i\"} 1\nfz 2\n",
    "# TYPE fz summary\nfz{quantile=\"0.5\"} 1\nfz_sum 2\nfz_count 3\n",
    "# TYPE fz histogram\nfz_bucket{le=\"1\"} 1\nfz_bucket{le=\"+Inf\"} 2\nfz_sum 1\nfz_count 2\n",
    "# TYPE fz counter\nfz 1\n# TYPE fz_count gauge\nfz_count 1\n",
    "push_failure_time_seconds 7\nfz{job=\"j\",instance=\"x\"} 1 5\n",
  };
  private static final byte[] INTERESTING =
      "{}\",=\\\n #\t\r_.:+-019le/@%?&\u00ff".getBytes(StandardCharsets.ISO_8859_1);

  /** A URL cannot hold whitespace: those bytes would break the request line, not the URL. */
  private static final byte[] INTERESTING_IN_URLS =
      "{}\",=\\_.:+-019le/@%?&#\u00ff".getBytes(StandardCharsets.ISO_8859_1);

  @TempDir static Path dir;

  private final Random random = new Random(SEED);

  @Test
  void everyAnswerIsSuccessOrAClearRefusalAndTheNodeStaysScrapable() throws IOException {
    int[] byClass = new int[6];
    java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
    java.util.Map<String, String> examples = new java.util.HashMap<>();
    try (NodeProcesses node =
        NodeProcesses.start(dir.resolve("node"), 1, List.of("--web.enable-admin-api"))) {
      int port = node.httpPorts().get(0);
      for (int step = 0; step < STEPS; step++) {
        byte[] request = request();
        boolean head = new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
        RawHttp.Response r;
        try {
          r = RawHttp.exchange(port, request, head);
        } catch (IOException e) {
          throw new AssertionError(
              "step "
                  + step
                  + " (seed "
                  + SEED
                  + "): no answer to "
                  + Http.GoQuoted.of(new String(request, StandardCharsets.ISO_8859_1)),
              e);
        }
        String what =
            "step "
                + step
                + " (seed "
                + SEED
                + "): "
                + Http.GoQuoted.of(new String(request, StandardCharsets.ISO_8859_1))
                + " answered "
                + r.status()
                + " "
                + Http.GoQuoted.of(new String(r.body(), StandardCharsets.UTF_8));
        byClass[r.status() / 100]++;
        if (r.status() / 100 == 4) {
          String reason = new String(r.body(), StandardCharsets.UTF_8);
          String key = r.status() + " " + reason.substring(0, Math.min(30, reason.length()));
          if (reasons.merge(key, 1, Integer::sum) == 1) {
            examples.put(
                key,
                new String(request, 0, Math.min(request.length, 160), StandardCharsets.ISO_8859_1));
          }
        }
        boolean redirect =
            (r.status() == 301 || r.status() == 307 || r.status() == 308)
                && r.head().toLowerCase().contains("\r\nlocation: ");
        assertTrue(r.status() / 100 == 2 || r.status() / 100 == 4 || redirect, what);
        if (r.status() / 100 == 4
            && !new String(request, 0, 5, StandardCharsets.ISO_8859_1).startsWith("HEAD ")) {
          assertTrue(
              r.body().length > 0 && !new String(r.body(), StandardCharsets.UTF_8).isBlank(),
              "a refusal without a message: " + what);
        }
        Http.Answer scrape = Http.send(port, Http.Request.get("/metrics"), Duration.ofSeconds(30));
        assertEquals(200, scrape.status(), () -> "scrape after " + what + ": " + scrape);
        try {
          TextParser.parse(scrape.bytes());
        } catch (ParseException e) {
          throw new AssertionError("unparseable scrape after " + what + ":\n" + scrape.body(), e);
        }
      }
    }
    System.out.printf(
        "BadInputFuzzIT: %d requests to a running node (each followed by a scrape):"
            + " %d 2xx, %d 3xx, %d 4xx%n",
        STEPS, byClass[2], byClass[3], byClass[4]);
    reasons.forEach(
        (reason, n) ->
            System.out.println(
                "  "
                    + n
                    + " x "
                    + Http.GoQuoted.of(reason)
                    + ", e.g. "
                    + Http.GoQuoted.of(examples.get(reason))));
    assertTrue(byClass[2] > STEPS / 50 && byClass[4] > STEPS / 20, "both outcomes reached");
  }

  private byte[] request() {
    String method = METHODS[random.nextInt(random.nextInt(4) == 0 ? METHODS.length : 5)];
    byte[] path =
        mutate(
            PATHS[random.nextInt(random.nextInt(5) == 0 ? PATHS.length : 9)].getBytes(
                StandardCharsets.UTF_8),
            random.nextBoolean() ? 0 : 2,
            INTERESTING_IN_URLS);
    byte[] body = body();
    String encoding = random.nextInt(3) == 0 ? ENCODINGS[random.nextInt(ENCODINGS.length)] : null;
    if (encoding != null && encoding.equalsIgnoreCase("gzip") && random.nextBoolean()) {
      body = Bodies.gzip(body);
    } else if ("snappy".equals(encoding) && random.nextBoolean()) {
      body = Bodies.snappyFramed(body);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(path);
    out.writeBytes(
        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    String type = random.nextBoolean() ? CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)] : null;
    if (type != null) {
      header(out, "Content-Type", type);
    }
    if (encoding != null) {
      header(out, "Content-Encoding", encoding);
    }
    if (random.nextInt(8) == 0) {
      header(out, "Accept", random.nextBoolean() ? Bodies.PROTOBUF_TYPE : "*/*;q=\u00ff");
    }
    boolean sendBody = !method.equals("GET") || random.nextInt(4) == 0;
    if (sendBody) {
      header(out, "Content-Length", Integer.toString(body.length));
    }
    out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (sendBody) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  private static void header(ByteArrayOutputStream out, String name, String value) {
    out.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  private byte[] body() {
    return switch (random.nextInt(5)) {
      case 0 -> {
        byte[] b = new byte[random.nextInt(40)];
        random.nextBytes(b);
        yield b;
      }
      case 1 -> mutate(Bodies.protobuf(random.nextBoolean() ? "c10" : "c13"), 2, INTERESTING);
      default ->
          mutate(
              TEXT[random.nextInt(TEXT.length)].getBytes(StandardCharsets.UTF_8), 3, INTERESTING);
    };
  }

  private byte[] mutate(byte[] seed, int maxEdits, byte[] interesting) {
    byte[] b = seed.clone();
    int edits = maxEdits == 0 || random.nextBoolean() ? 0 : 1 + random.nextInt(maxEdits);
    for (int e = 0; e < edits && b.length > 1; e++) {
      int at = 1 + random.nextInt(b.length - 1);
      switch (random.nextInt(4)) {
        case 0 -> b[at] = interesting[random.nextInt(interesting.length)];
        case 1 -> b[at] = (byte) (0x21 + random.nextInt(0xde));
        case 2 -> {
          byte[] out = new byte[b.length + 1];
          System.arraycopy(b, 0, out, 0, at);
          out[at] = interesting[random.nextInt(interesting.length)];
          System.arraycopy(b, at, out, at + 1, b.length - at);
          b = out;
        }
        default -> b = Arrays.copyOf(b, at);
      }
    }
    return b;
  }
}
