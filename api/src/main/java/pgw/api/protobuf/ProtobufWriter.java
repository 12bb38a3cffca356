package pgw.api.protobuf;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.IOException;
import java.io.OutputStream;
import pgw.api.DataPoint;
import pgw.api.Labels;
import pgw.api.MetricFamily;

/**
 * Writes metric families as varint-length-delimited {@code io.prometheus.client.MetricFamily}
 * messages (Pushgateway §9.3), one message per family, so a scrape streams family by family. Names
 * and types are written exactly as stored; gauge histograms keep {@code GAUGE_HISTOGRAM} (D11).
 * Exemplars, created timestamps and native histogram fields come back from the points' extras, so a
 * pushed metric is re-emitted as it was pushed (§2.4), with its labels in name order.
 */
public final class ProtobufWriter {
  public static final String CONTENT_TYPE =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
          + " encoding=delimited";

  private ProtobufWriter() {}

  /** Writes every family that has points; flushes but does not close {@code out}. */
  public static void write(Iterable<MetricFamily> families, OutputStream out) throws IOException {
    for (MetricFamily f : families) {
      if (!f.points().isEmpty()) {
        toProtobuf(f).writeDelimitedTo(out);
      }
    }
    out.flush();
  }

  static Metrics.MetricFamily toProtobuf(MetricFamily f) {
    Metrics.MetricFamily.Builder family =
        Metrics.MetricFamily.newBuilder()
            .setName(f.name())
            .setType(Metrics.MetricType.valueOf(f.type().name()));
    if (!f.help().isEmpty()) {
      family.setHelp(f.help());
    }
    for (DataPoint p : f.points()) {
      Metrics.Metric.Builder metric = Metrics.Metric.newBuilder();
      labels(p.labels(), metric);
      switch (p) {
        case DataPoint.Scalar s -> {
          scalar(f, s.value(), metric);
          if (metric.hasCounter() && !s.extras().isEmpty()) {
            metric.getCounterBuilder().mergeFrom(PointExtras.message(s.extras()).getCounter());
          }
        }
        case DataPoint.Summary s -> {
          Metrics.Summary.Builder summary =
              Metrics.Summary.newBuilder().setSampleCount(s.count()).setSampleSum(s.sum());
          for (DataPoint.Quantile q : s.quantiles()) {
            summary.addQuantile(
                Metrics.Quantile.newBuilder().setQuantile(q.quantile()).setValue(q.value()));
          }
          if (!s.extras().isEmpty()) {
            summary.mergeFrom(PointExtras.message(s.extras()).getSummary());
          }
          metric.setSummary(summary);
        }
        case DataPoint.Histogram h -> metric.setHistogram(histogram(h));
      }
      if (p.hasTimestamp()) {
        metric.setTimestampMs(p.timestampMs());
      }
      family.addMetric(metric);
    }
    return family.build();
  }

  private static Metrics.Histogram histogram(DataPoint.Histogram h) {
    Metrics.Histogram residue = PointExtras.message(h.extras()).getHistogram();
    Metrics.Histogram.Builder histogram = residue.toBuilder().clearBucket();
    // A float histogram sends no integer counts; do not add zeros it did not send.
    if (h.count() != 0 || !residue.hasSampleCountFloat()) {
      histogram.setSampleCount(h.count());
    }
    histogram.setSampleSum(h.sum());
    for (int i = 0; i < h.buckets().size(); i++) {
      DataPoint.Bucket b = h.buckets().get(i);
      Metrics.Bucket.Builder bucket =
          i < residue.getBucketCount()
              ? residue.getBucket(i).toBuilder()
              : Metrics.Bucket.newBuilder();
      bucket.setUpperBound(b.upperBound());
      if (b.cumulativeCount() != 0 || !bucket.hasCumulativeCountFloat()) {
        bucket.setCumulativeCount(b.cumulativeCount());
      }
      histogram.addBucket(bucket);
    }
    return histogram.build();
  }

  private static void labels(Labels labels, Metrics.Metric.Builder metric) {
    for (int i = 0; i < labels.size(); i++) {
      metric.addLabel(
          Metrics.LabelPair.newBuilder().setName(labels.name(i)).setValue(labels.value(i)));
    }
  }

  private static void scalar(MetricFamily f, double value, Metrics.Metric.Builder metric) {
    switch (f.type()) {
      case COUNTER -> metric.setCounter(Metrics.Counter.newBuilder().setValue(value));
      case GAUGE -> metric.setGauge(Metrics.Gauge.newBuilder().setValue(value));
      default -> metric.setUntyped(Metrics.Untyped.newBuilder().setValue(value));
    }
  }
}
