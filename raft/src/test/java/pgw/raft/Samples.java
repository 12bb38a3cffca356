package pgw.raft;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.Timestamp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import pgw.api.DataPoint;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;
import pgw.api.protobuf.ProtobufParser;
import pgw.api.store.Group;
import pgw.api.store.StoredFamily;

/** Fixed model values covering every type and point kind, for codec tests and golden files. */
public final class Samples {
  private Samples() {}

  public static final GroupingKey KEY = GroupingKey.of("batch", "instance", "host-1", "zone", "é");

  public static MetricFamily gauge(String name, double value, String... labels) {
    return new MetricFamily(
        name, MetricType.GAUGE, "", List.of(new DataPoint.Scalar(Labels.of(labels), value)));
  }

  public static List<MetricFamily> families() {
    List<MetricFamily> families = new ArrayList<>(classic());
    families.addAll(protobufOnly());
    return families;
  }

  private static List<MetricFamily> classic() {
    return List.of(
        new MetricFamily(
            "jobs_done",
            MetricType.COUNTER,
            "Jobs done.\nSecond line",
            List.of(new DataPoint.Scalar(Labels.of("queue", "a\"b"), 42))),
        new MetricFamily(
            "temperature",
            MetricType.GAUGE,
            "",
            List.of(
                new DataPoint.Scalar(Labels.of("room", "1"), -0.0),
                new DataPoint.Scalar(Labels.of("room", "2"), Double.NaN),
                new DataPoint.Scalar(Labels.of("room", "3"), Double.POSITIVE_INFINITY))),
        new MetricFamily(
            "latency",
            MetricType.SUMMARY,
            "Latency.",
            List.of(
                new DataPoint.Summary(
                    Labels.EMPTY,
                    7,
                    3.5,
                    List.of(new DataPoint.Quantile(0.5, 0.25), new DataPoint.Quantile(0.99, 1.5)),
                    DataPoint.NO_TIMESTAMP))),
        new MetricFamily(
            "size",
            MetricType.HISTOGRAM,
            "",
            List.of(
                new DataPoint.Histogram(
                    Labels.of("kind", "x"),
                    4,
                    5.5,
                    List.of(
                        new DataPoint.Bucket(1, 1),
                        new DataPoint.Bucket(Double.POSITIVE_INFINITY, 4)),
                    DataPoint.NO_TIMESTAMP))),
        new MetricFamily(
            "raw", MetricType.UNTYPED, "", List.of(new DataPoint.Scalar(Labels.EMPTY, 1, 1234))));
  }

  /**
   * What only a protobuf push carries, parsed the way a push is: an integer native histogram with
   * an exemplar and a created timestamp, a float native histogram, a counter with an exemplar.
   */
  private static List<MetricFamily> protobufOnly() {
    Timestamp created = Timestamp.newBuilder().setSeconds(1_600_000_000).setNanos(7).build();
    Metrics.Exemplar exemplar =
        Metrics.Exemplar.newBuilder()
            .addLabel(Metrics.LabelPair.newBuilder().setName("trace_id").setValue("4bf92f35"))
            .setValue(0.75)
            .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000))
            .build();
    Metrics.Histogram intNative =
        Metrics.Histogram.newBuilder()
            .setSampleCount(6)
            .setSampleSum(4.5)
            .setSchema(2)
            .setZeroThreshold(1e-128)
            .setZeroCount(1)
            .addPositiveSpan(Metrics.BucketSpan.newBuilder().setOffset(-1).setLength(2))
            .addAllPositiveDelta(List.of(2L, 1L))
            .addExemplars(exemplar)
            .setCreatedTimestamp(created)
            .build();
    Metrics.Histogram floatNative =
        Metrics.Histogram.newBuilder()
            .setSampleCountFloat(2.5)
            .setSampleSum(-1)
            .setSchema(0)
            .setZeroCountFloat(0.5)
            .addNegativeSpan(Metrics.BucketSpan.newBuilder().setOffset(0).setLength(1))
            .addNegativeCount(2)
            .build();
    Metrics.Counter counter =
        Metrics.Counter.newBuilder()
            .setValue(17)
            .setExemplar(exemplar)
            .setCreatedTimestamp(created)
            .build();
    return parse(
        family(
            "rpc_seconds",
            Metrics.MetricType.HISTOGRAM,
            metric("native", "int").setHistogram(intNative)),
        family(
            "fill_ratio",
            Metrics.MetricType.GAUGE_HISTOGRAM,
            metric("native", "float").setHistogram(floatNative)),
        family("calls", Metrics.MetricType.COUNTER, metric("path", "/a").setCounter(counter)));
  }

  private static Metrics.Metric.Builder metric(String label, String value) {
    return Metrics.Metric.newBuilder()
        .addLabel(Metrics.LabelPair.newBuilder().setName(label).setValue(value));
  }

  private static Metrics.MetricFamily family(
      String name, Metrics.MetricType type, Metrics.Metric.Builder metric) {
    return Metrics.MetricFamily.newBuilder().setName(name).setType(type).addMetric(metric).build();
  }

  private static List<MetricFamily> parse(Metrics.MetricFamily... families) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      for (Metrics.MetricFamily f : families) {
        f.writeDelimitedTo(body);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ProtobufParser.parse(body.toByteArray());
  }

  /** Two groups as the store would hold them, with fixed push times. */
  public static List<Group> groups() {
    long t = 1_700_000_000_123_456_789L;
    return List.of(
        new Group(
            GroupingKey.of("a"),
            List.of(
                new StoredFamily(
                    gauge("push_time_seconds", t / 1e9, "instance", "", "job", "a"), t))),
        new Group(KEY, families().stream().map(f -> new StoredFamily(f, t + 1)).toList()));
  }
}
