package pgw.api.protobuf;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import pgw.api.DataPoint;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

/**
 * Maps one decoded protobuf family onto the model, validating what the model cannot carry.
 *
 * <p>A metric that lacks the value its family's type calls for (a gauge family whose metric holds a
 * counter, say) becomes a point of a variant that does not fit the family type, so that the store
 * rejects the push with upstream's {@code is not a <TYPE>} and records the failure, as upstream's
 * consistency check does. Such a point carries the metric's own histogram or summary if it has one;
 * otherwise an empty summary stands in for a scalar family and a scalar for the others.
 *
 * <p>Exemplars, created timestamps, native histogram fields and float counts are kept verbatim as
 * the point's {@link pgw.api.Extras} (see {@link PointExtras}); only the family's unit is dropped.
 */
final class ProtobufFamilies {
  static final String CHECK_PREFIX =
      "pushed metrics are invalid or inconsistent with existing metrics: ";

  private ProtobufFamilies() {}

  static MetricFamily toMetricFamily(Metrics.MetricFamily family) {
    String name = family.getName();
    if (!Names.isMetricName(name)) {
      throw new ProtobufParseException(CHECK_PREFIX + "metric name " + quote(name) + " is invalid");
    }
    MetricType type = MetricType.valueOf(family.getType().name());
    List<DataPoint> points = new ArrayList<>(family.getMetricCount());
    for (Metrics.Metric metric : family.getMetricList()) {
      points.add(point(type, labels(name, metric), metric));
    }
    return new MetricFamily(name, type, family.getHelp(), points);
  }

  /** Labels in name order, checked like upstream's check does, in its order per label. */
  private static Labels labels(String metricName, Metrics.Metric metric) {
    List<Metrics.LabelPair> pairs = new ArrayList<>(metric.getLabelList());
    pairs.sort(Comparator.comparing(Metrics.LabelPair::getName));
    TreeMap<String, String> labels = new TreeMap<>();
    for (Metrics.LabelPair pair : pairs) {
      String name = pair.getName();
      String problem = null;
      if (labels.containsKey(name)) {
        problem = "has two or more labels with the same name: " + name;
      } else if (!Names.isLabelName(name)) {
        problem = "has a label with an invalid name: " + name;
      } else if (!pair.getValueBytes().isValidUtf8()) {
        problem = "has a label named " + quote(name) + " whose value is not utf8";
      }
      if (problem != null) {
        throw new ProtobufParseException(
            CHECK_PREFIX + "collected metric " + quote(metricName) + " " + problem);
      }
      labels.put(name, pair.getValue());
    }
    return Labels.of(labels);
  }

  private static DataPoint point(MetricType type, Labels labels, Metrics.Metric m) {
    long ts = DataPoint.NO_TIMESTAMP;
    if (m.hasTimestampMs()) {
      // The model's "absent" marker is a valid protobuf value; any timestamp must still reject.
      ts = m.getTimestampMs() == DataPoint.NO_TIMESTAMP ? ts + 1 : m.getTimestampMs();
    }
    return switch (type) {
      case COUNTER ->
          m.hasCounter()
              ? new DataPoint.Scalar(
                  labels, m.getCounter().getValue(), ts, PointExtras.ofCounter(m.getCounter()))
              : notScalar(labels, m, ts);
      case GAUGE ->
          m.hasGauge()
              ? new DataPoint.Scalar(labels, m.getGauge().getValue(), ts)
              : notScalar(labels, m, ts);
      case UNTYPED ->
          m.hasUntyped()
              ? new DataPoint.Scalar(labels, m.getUntyped().getValue(), ts)
              : notScalar(labels, m, ts);
      case SUMMARY ->
          m.hasSummary()
              ? summary(labels, m.getSummary(), ts)
              : m.hasHistogram()
                  ? histogram(labels, m.getHistogram(), ts)
                  : new DataPoint.Scalar(labels, anyScalar(m), ts);
      case HISTOGRAM, GAUGE_HISTOGRAM ->
          m.hasHistogram()
              ? histogram(labels, m.getHistogram(), ts)
              : m.hasSummary()
                  ? summary(labels, m.getSummary(), ts)
                  : new DataPoint.Scalar(labels, anyScalar(m), ts);
    };
  }

  /** A stand-in that no scalar family accepts (see the type comment). */
  private static DataPoint notScalar(Labels labels, Metrics.Metric m, long ts) {
    if (m.hasHistogram()) {
      return histogram(labels, m.getHistogram(), ts);
    }
    if (m.hasSummary()) {
      return summary(labels, m.getSummary(), ts);
    }
    return new DataPoint.Summary(labels, 0, 0, List.of(), ts);
  }

  private static double anyScalar(Metrics.Metric m) {
    if (m.hasGauge()) {
      return m.getGauge().getValue();
    }
    if (m.hasCounter()) {
      return m.getCounter().getValue();
    }
    return m.hasUntyped() ? m.getUntyped().getValue() : Double.NaN;
  }

  private static DataPoint.Summary summary(Labels labels, Metrics.Summary s, long ts) {
    List<DataPoint.Quantile> quantiles = new ArrayList<>(s.getQuantileCount());
    for (Metrics.Quantile q : s.getQuantileList()) {
      quantiles.add(new DataPoint.Quantile(q.getQuantile(), q.getValue()));
    }
    return new DataPoint.Summary(
        labels, s.getSampleCount(), s.getSampleSum(), quantiles, ts, PointExtras.ofSummary(s));
  }

  private static DataPoint.Histogram histogram(Labels labels, Metrics.Histogram h, long ts) {
    List<DataPoint.Bucket> buckets = new ArrayList<>(h.getBucketCount());
    for (Metrics.Bucket b : h.getBucketList()) {
      // Float counts stay in the extras; these are the integer fields exactly as sent.
      buckets.add(new DataPoint.Bucket(b.getUpperBound(), b.getCumulativeCount()));
    }
    return new DataPoint.Histogram(
        labels, h.getSampleCount(), h.getSampleSum(), buckets, ts, PointExtras.ofHistogram(h));
  }

  /** Go's {@code %q} for the ASCII names these messages quote; others are rare enough as is. */
  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
