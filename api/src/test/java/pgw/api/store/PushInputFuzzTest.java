package pgw.api.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import pgw.api.GroupingKey;
import pgw.api.GroupingKeyPath;
import pgw.api.InvalidGroupingKeyException;
import pgw.api.MetricFamily;
import pgw.api.PushMode;
import pgw.api.format.ParseException;
import pgw.api.format.TextParser;
import pgw.api.format.TextWriter;
import pgw.api.protobuf.ProtobufParseException;
import pgw.api.protobuf.ProtobufParser;

/**
 * Seeded fuzzing of the whole push path below HTTP: mutated URL paths through {@link
 * GroupingKeyPath}, mutated text and protobuf bodies through the parsers, whatever parses pushed
 * into one store. Every input is either accepted or refused with a message; nothing else escapes,
 * and after every step the scrape is valid (decision D2) and parses back.
 */
class PushInputFuzzTest {
  private static final long SEED = 20261123L;
  private static final int STEPS = 6_000;

  private static final String[] PATHS = {
    "/job/fz", "/job/fz/instance/i", "/job/fz/instance@base64/=", "/job@base64/Zno/x/1",
    "/job/fz/x/1/x/2", "/job/fz/quantile/q", "/job/fz/le/1", "/job/fz/a@base64/-_8=",
    "/job/fz%2Fx/y", "/job/fz/v/%FF", "/job/fz/job/other", "/job/f%C3%B6/n/Bj%C3%B6rn",
  };
  private static final String[] TEXT = {
    "fz 1\n",
    "fz{instance=\"i\"} 1\nfz 2\n",
    "# TYPE fz summary\nfz{quantile=\"0.5\"} 1\nfz_sum 2\nfz_count 3\n",
    "# TYPE fz histogram\nfz_bucket{le=\"1\"} 1\nfz_bucket{le=\"+Inf\"} 2\nfz_sum 1\nfz_count 2\n",
    "# TYPE fz counter\nfz 1\n# TYPE fz_count gauge\nfz_count 1\n",
    "# HELP fz h \\\\ \\n\nfz{a=\"\\\"\\\\\\n\"} NaN\nfz_sum -Inf 1000\n",
    "# TYPE fz gaugehistogram\nfz_bucket{le=\"2\"} 3\npush_time_seconds 1\n",
    "push_failure_time_seconds 7\nfz_bucket 1\nfz{job=\"j\",instance=\"x\"} 1\n",
  };
  private static final byte[] INTERESTING =
      "{}\",=\\\n #\t\r_.:+-eE019leqnaIN/@%=\u00ff".getBytes(StandardCharsets.ISO_8859_1);

  private final Random random = new Random(SEED);
  private final MetricStore store = new MetricStore();
  private final List<GroupingKey> keys = new ArrayList<>(List.of(GroupingKey.of("fz")));
  private int refusedPaths;
  private int refusedBodies;
  private int accepted;
  private int rejected;

  @Test
  void everyInputIsAcceptedOrRefusedAndTheStoreStaysScrapable() {
    for (int step = 0; step < STEPS; step++) {
      String path = mutatedPath();
      byte[] body;
      boolean protobuf = random.nextInt(3) == 0;
      body = protobuf ? mutate(protobufSeed()) : mutate(TEXT[random.nextInt(TEXT.length)]);
      try {
        step(step, path, protobuf, body);
      } catch (RuntimeException | Error e) {
        throw new AssertionError(
            "step "
                + step
                + " (seed "
                + SEED
                + "): path "
                + path
                + ", "
                + (protobuf ? "protobuf " : "text ")
                + "hex "
                + HexFormat.of().formatHex(body),
            e);
      }
    }
    System.out.printf(
        "PushInputFuzzTest: %d inputs (URL path + body each); refused paths %d, refused bodies %d,"
            + " pushes accepted %d, rejected by the store %d%n",
        STEPS, refusedPaths, refusedBodies, accepted, rejected);
    assertTrue(accepted > STEPS / 20 && rejected > STEPS / 50, "the fuzzer reaches the store");
  }

  private void step(int step, String path, boolean protobuf, byte[] body) {
    GroupingKey key;
    try {
      key = GroupingKeyPath.isPushPath(path) ? GroupingKeyPath.parse(path) : null;
      if (key != null && keys.size() < 12 && !keys.contains(key)) {
        keys.add(key);
      }
    } catch (InvalidGroupingKeyException e) {
      assertFalse(e.getMessage().isBlank());
      refusedPaths++;
      key = null;
    }
    if (key == null) {
      key = keys.get(random.nextInt(keys.size()));
    }
    List<MetricFamily> families;
    try {
      families = protobuf ? ProtobufParser.parse(body) : TextParser.parse(body);
    } catch (ParseException | ProtobufParseException e) {
      assertFalse(e.getMessage().isBlank());
      refusedBodies++;
      families = null;
    }
    if (families != null) {
      PushMode mode = random.nextBoolean() ? PushMode.REPLACE_GROUP : PushMode.REPLACE_SAME_NAMES;
      switch (store.push(key, mode, families, 1_000_000_000L * step)) {
        case PushResult.Accepted a -> accepted++;
        case PushResult.Rejected r -> {
          assertFalse(r.reason().isBlank());
          rejected++;
        }
      }
    }
    if (random.nextInt(10) == 0) {
      store.delete(keys.get(random.nextInt(keys.size())));
    }
    ScrapeInvariants.assertValid(store.view());
    ByteArrayOutputStream scrape = new ByteArrayOutputStream();
    try {
      TextWriter.write(store.view().families(), scrape);
      TextParser.parse(scrape.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new AssertionError("the scrape does not parse: " + scrape, e);
    }
  }

  private String mutatedPath() {
    String seed = PATHS[random.nextInt(PATHS.length)];
    StringBuilder sb = new StringBuilder(seed);
    int edits = random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(sb.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> sb.insert(at, (char) INTERESTING[random.nextInt(INTERESTING.length)]);
        case 1 -> sb.insert(at, String.format("%%%02X", random.nextInt(256)));
        case 2 -> sb.insert(at, "/" + (char) ('a' + random.nextInt(3)));
        default -> sb.setLength(Math.min(sb.length(), Math.max(at, 1)));
      }
    }
    return sb.toString();
  }

  private byte[] mutate(String seed) {
    return mutate(seed.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] mutate(byte[] seed) {
    byte[] b = seed.clone();
    int edits = random.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(4)) {
        case 0 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
        case 1 -> b[at] = (byte) random.nextInt(256);
        case 2 -> {
          byte[] out = new byte[b.length + 1];
          System.arraycopy(b, 0, out, 0, at);
          out[at] = INTERESTING[random.nextInt(INTERESTING.length)];
          System.arraycopy(b, at, out, at + 1, b.length - at);
          b = out;
        }
        default -> b = Arrays.copyOf(b, at);
      }
    }
    return b;
  }

  private byte[] protobufSeed() {
    String[] names = {"fz", "fz_count", "fz_sum", "fz.bad", "push_time_seconds"};
    Metrics.MetricType[] types = Metrics.MetricType.values();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int families = 1 + random.nextInt(3);
    try {
      for (int f = 0; f < families; f++) {
        Metrics.MetricType type = types[random.nextInt(types.length - 1)];
        Metrics.Metric.Builder m = Metrics.Metric.newBuilder();
        if (random.nextBoolean()) {
          m.addLabel(
              Metrics.LabelPair.newBuilder()
                  .setName(random.nextBoolean() ? "instance" : "le")
                  .setValue(random.nextBoolean() ? "i" : "0.5"));
        }
        switch (random.nextInt(6)) {
          case 0 -> m.setCounter(Metrics.Counter.newBuilder().setValue(random.nextInt(5) - 1));
          case 1 -> m.setGauge(Metrics.Gauge.newBuilder().setValue(random.nextDouble()));
          case 2 ->
              m.setSummary(
                  Metrics.Summary.newBuilder()
                      .setSampleCount(2)
                      .setSampleSum(1)
                      .addQuantile(Metrics.Quantile.newBuilder().setQuantile(0.5).setValue(1)));
          case 3 ->
              m.setHistogram(
                  Metrics.Histogram.newBuilder()
                      .setSampleCount(3)
                      .addBucket(Metrics.Bucket.newBuilder().setUpperBound(1).setCumulativeCount(4))
                      .setSchema(random.nextInt(3))
                      .setZeroCount(1));
          case 4 -> m.setUntyped(Metrics.Untyped.newBuilder().setValue(Double.NaN));
          default -> m.setTimestampMs(5);
        }
        Metrics.MetricFamily.newBuilder()
            .setName(names[random.nextInt(names.length)])
            .setType(type)
            .setHelp(random.nextBoolean() ? "h" : "")
            .addMetric(m)
            .build()
            .writeDelimitedTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
