package pgw.raft;

import java.util.List;
import pgw.api.DataPoint;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;
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
