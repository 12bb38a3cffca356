package pgw.api.protobuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.Timestamp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pgw.api.DataPoint;
import pgw.api.Extras;
import pgw.api.GroupingKey;
import pgw.api.MetricFamily;
import pgw.api.PushMode;
import pgw.api.format.TextWriter;
import pgw.api.store.MetricStore;
import pgw.api.store.PushResult;

/** Spec §2.4, §2.7, cases M30 and M31: parse, store, then both expositions. */
class NativeHistogramRoundTripTest {
  private static final GroupingKey KEY = GroupingKey.of("native");
  private static final long T = 1_700_000_000_000_000_000L;

  static Metrics.Exemplar exemplar(String traceId, double value, long seconds) {
    return Metrics.Exemplar.newBuilder()
        .addLabel(Metrics.LabelPair.newBuilder().setName("trace_id").setValue(traceId))
        .setValue(value)
        .setTimestamp(Timestamp.newBuilder().setSeconds(seconds).setNanos(5))
        .build();
  }

  static Metrics.BucketSpan span(int offset, int length) {
    return Metrics.BucketSpan.newBuilder().setOffset(offset).setLength(length).build();
  }

  /** M30, integer variant: no classic buckets, everything native. */
  static Metrics.Histogram intNative() {
    return Metrics.Histogram.newBuilder()
        .setSampleCount(10)
        .setSampleSum(12.5)
        .setSchema(3)
        .setZeroThreshold(1e-128)
        .setZeroCount(2)
        .addNegativeSpan(span(-2, 1))
        .addNegativeDelta(1)
        .addPositiveSpan(span(0, 2))
        .addPositiveSpan(span(3, 1))
        .addAllPositiveDelta(List.of(3L, -1L, 2L))
        .addExemplars(exemplar("abc", 1.1, 1_700_000_000))
        .setCreatedTimestamp(Timestamp.newBuilder().setSeconds(1_600_000_000))
        .build();
  }

  /** M30, float variant: float counts only. */
  static Metrics.Histogram floatNative() {
    return Metrics.Histogram.newBuilder()
        .setSampleCountFloat(7.5)
        .setSampleSum(3.25)
        .setSchema(0)
        .setZeroThreshold(0.001)
        .setZeroCountFloat(0.5)
        .addPositiveSpan(span(1, 2))
        .addAllPositiveCount(List.of(4.0, 3.0))
        .build();
  }

  static Metrics.MetricFamily family(String name, Metrics.MetricType type, Metrics.Metric metric) {
    return Metrics.MetricFamily.newBuilder().setName(name).setType(type).addMetric(metric).build();
  }

  private static byte[] body(Metrics.MetricFamily... families) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Metrics.MetricFamily f : families) {
      f.writeDelimitedTo(out);
    }
    return out.toByteArray();
  }

  private final MetricStore store = new MetricStore();

  private void push(Metrics.MetricFamily... families) throws IOException {
    List<MetricFamily> parsed = ProtobufParser.parse(body(families));
    assertEquals(PushResult.ACCEPTED, store.push(KEY, PushMode.REPLACE_GROUP, parsed, T));
  }

  private String text() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextWriter.write(store.view().families(), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private Metrics.MetricFamily scraped(String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProtobufWriter.write(store.view().families(), out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    List<Metrics.MetricFamily> families = new ArrayList<>();
    Metrics.MetricFamily f;
    while ((f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
      families.add(f);
    }
    return families.stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
  }

  /** The pushed metric as the store exposes it: with the grouping labels and instance="". */
  private static Metrics.Metric stored(Metrics.Metric.Builder pushed) {
    return pushed
        .clone()
        .addLabel(Metrics.LabelPair.newBuilder().setName("instance").setValue(""))
        .addLabel(Metrics.LabelPair.newBuilder().setName("job").setValue("native"))
        .build();
  }

  @Test
  void intNativeHistogramRoundTrips() throws IOException {
    Metrics.Metric.Builder metric = Metrics.Metric.newBuilder().setHistogram(intNative());
    push(family("rpc_seconds", Metrics.MetricType.HISTOGRAM, metric.build()));

    String text = text();
    assertTrue(
        text.contains(
            "# TYPE rpc_seconds histogram\n"
                + "rpc_seconds_bucket{instance=\"\",job=\"native\",le=\"+Inf\"} 10\n"
                + "rpc_seconds_sum{instance=\"\",job=\"native\"} 12.5\n"
                + "rpc_seconds_count{instance=\"\",job=\"native\"} 10\n"),
        text);
    Metrics.MetricFamily scraped = scraped("rpc_seconds");
    assertEquals(Metrics.MetricType.HISTOGRAM, scraped.getType());
    assertEquals(List.of(stored(metric)), scraped.getMetricList());
  }

  @Test
  void floatNativeHistogramShowsItsFloatCount() throws IOException {
    Metrics.Metric.Builder metric = Metrics.Metric.newBuilder().setHistogram(floatNative());
    push(family("fh", Metrics.MetricType.GAUGE_HISTOGRAM, metric.build()));

    String text = text();
    assertTrue(
        text.contains(
            "# TYPE fh histogram\n"
                + "fh_bucket{instance=\"\",job=\"native\",le=\"+Inf\"} 7.5\n"
                + "fh_sum{instance=\"\",job=\"native\"} 3.25\n"
                + "fh_count{instance=\"\",job=\"native\"} 7.5\n"),
        text);
    Metrics.MetricFamily scraped = scraped("fh");
    assertEquals(Metrics.MetricType.GAUGE_HISTOGRAM, scraped.getType());
    assertEquals(List.of(stored(metric)), scraped.getMetricList());
    assertTrue(!scraped.getMetric(0).getHistogram().hasSampleCount(), "no integer count added");
  }

  @Test
  void counterKeepsExemplarAndCreatedTimestampOutOfText() throws IOException {
    // M31; an exemplar's timestamp is not a sample timestamp (§2.6), so the push is accepted
    Metrics.Metric.Builder metric =
        Metrics.Metric.newBuilder()
            .addLabel(Metrics.LabelPair.newBuilder().setName("path").setValue("/a"))
            .setCounter(
                Metrics.Counter.newBuilder()
                    .setValue(3)
                    .setExemplar(exemplar("t1", 1, 1_700_000_001))
                    .setCreatedTimestamp(Timestamp.newBuilder().setSeconds(1_690_000_000)));
    push(family("requests", Metrics.MetricType.COUNTER, metric.build()));

    assertTrue(text().contains("requests{instance=\"\",job=\"native\",path=\"/a\"} 3\n"), text());
    assertTrue(!text().contains("t1"), "no exemplar in text 0.0.4");
    Metrics.Metric expected =
        metric
            .clone()
            .clearLabel()
            .addLabel(Metrics.LabelPair.newBuilder().setName("instance").setValue(""))
            .addLabel(Metrics.LabelPair.newBuilder().setName("job").setValue("native"))
            .addLabel(Metrics.LabelPair.newBuilder().setName("path").setValue("/a"))
            .build();
    assertEquals(List.of(expected), scraped("requests").getMetricList());
  }

  @Test
  void summaryKeepsItsCreatedTimestamp() throws IOException {
    Metrics.Metric.Builder metric =
        Metrics.Metric.newBuilder()
            .setSummary(
                Metrics.Summary.newBuilder()
                    .setSampleCount(2)
                    .setSampleSum(1)
                    .addQuantile(Metrics.Quantile.newBuilder().setQuantile(0.5).setValue(0.4))
                    .setCreatedTimestamp(Timestamp.newBuilder().setSeconds(42)));
    push(family("lat", Metrics.MetricType.SUMMARY, metric.build()));
    assertEquals(List.of(stored(metric)), scraped("lat").getMetricList());
  }

  @Test
  void classicFloatBucketsAndBucketExemplars() throws IOException {
    Metrics.Histogram.Builder h =
        Metrics.Histogram.newBuilder()
            .setSampleCountFloat(2.5)
            .setSampleSum(4)
            .addBucket(
                Metrics.Bucket.newBuilder()
                    .setUpperBound(1)
                    .setCumulativeCountFloat(1.5)
                    .setExemplar(exemplar("b1", 0.5, 1)))
            .addBucket(Metrics.Bucket.newBuilder().setUpperBound(2).setCumulativeCountFloat(2.5));
    Metrics.Metric.Builder metric = Metrics.Metric.newBuilder().setHistogram(h);
    push(family("cf", Metrics.MetricType.HISTOGRAM, metric.build()));
    assertTrue(
        text()
            .contains(
                "cf_bucket{instance=\"\",job=\"native\",le=\"1\"} 1.5\n"
                    + "cf_bucket{instance=\"\",job=\"native\",le=\"2\"} 2.5\n"
                    + "cf_bucket{instance=\"\",job=\"native\",le=\"+Inf\"} 2.5\n"),
        text());
    assertEquals(List.of(stored(metric)), scraped("cf").getMetricList());
  }

  @Test
  void sampleTimestampOnANativeHistogramStillRejectsThePush() throws IOException {
    Metrics.Metric metric =
        Metrics.Metric.newBuilder().setHistogram(intNative()).setTimestampMs(-5).build();
    List<MetricFamily> parsed =
        ProtobufParser.parse(body(family("h", Metrics.MetricType.HISTOGRAM, metric)));
    PushResult result = store.push(KEY, PushMode.REPLACE_GROUP, parsed, T);
    assertTrue(
        assertInstanceOf(PushResult.Rejected.class, result)
            .reason()
            .endsWith("pushed metrics must not have timestamps"));
  }

  @Test
  void nativeHistogramIsAHistogramForTheTypeCheck() throws IOException {
    push(
        family(
            "mixed",
            Metrics.MetricType.HISTOGRAM,
            Metrics.Metric.newBuilder().setHistogram(intNative()).build()));
    Metrics.Metric gauge =
        Metrics.Metric.newBuilder()
            .addLabel(Metrics.LabelPair.newBuilder().setName("x").setValue("1"))
            .setGauge(Metrics.Gauge.newBuilder().setValue(1))
            .build();
    PushResult rejected =
        store.push(
            GroupingKey.of("other"),
            PushMode.REPLACE_GROUP,
            ProtobufParser.parse(body(family("mixed", Metrics.MetricType.GAUGE, gauge))),
            T + 1);
    assertInstanceOf(PushResult.Rejected.class, rejected);
    // A gauge family whose metric is a native histogram is not a gauge either.
    PushResult wrongType =
        store.push(
            GroupingKey.of("third"),
            PushMode.REPLACE_GROUP,
            ProtobufParser.parse(
                body(
                    family(
                        "g2",
                        Metrics.MetricType.GAUGE,
                        Metrics.Metric.newBuilder().setHistogram(intNative()).build()))),
            T + 2);
    assertTrue(
        assertInstanceOf(PushResult.Rejected.class, wrongType).reason().contains("GAUGE"),
        wrongType.toString());
  }

  @Test
  void extrasAreCanonicalAndReplicatedBytesAreChecked() throws IOException {
    DataPoint.Histogram point =
        (DataPoint.Histogram)
            ProtobufParser.parse(
                    body(
                        family(
                            "h",
                            Metrics.MetricType.HISTOGRAM,
                            Metrics.Metric.newBuilder().setHistogram(intNative()).build())))
                .get(0)
                .points()
                .get(0);
    byte[] bytes = point.extras().toByteArray();
    assertEquals(point.extras(), PointExtras.fromReplicated(point, bytes));
    assertEquals(point.extras(), PointExtras.ofHistogram(intNative()), "deterministic");
    assertNotEquals(Extras.NONE, point.extras());
    assertThrows(
        IllegalArgumentException.class,
        () -> PointExtras.fromReplicated(point, new byte[] {(byte) 0xff, 1, 2}));
    // Decodable, but holds a label and a timestamp: not a residue this code would write.
    byte[] foreign =
        Metrics.Metric.newBuilder()
            .setTimestampMs(1)
            .setHistogram(intNative())
            .build()
            .toByteArray();
    assertThrows(IllegalArgumentException.class, () -> PointExtras.fromReplicated(point, foreign));
    // A scalar cannot carry histogram extras.
    DataPoint.Scalar scalar = new DataPoint.Scalar(point.labels(), 1);
    assertThrows(IllegalArgumentException.class, () -> PointExtras.fromReplicated(scalar, bytes));
    assertArrayEquals(new byte[0], PointExtras.fromReplicated(scalar, new byte[0]).toByteArray());
  }
}
