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
        case DataPoint.Scalar s -> scalar(f, s.value(), metric);
        case DataPoint.Summary s -> {
          Metrics.Summary.Builder summary =
              Metrics.Summary.newBuilder().setSampleCount(s.count()).setSampleSum(s.sum());
          for (DataPoint.Quantile q : s.quantiles()) {
            summary.addQuantile(
                Metrics.Quantile.newBuilder().setQuantile(q.quantile()).setValue(q.value()));
          }
          metric.setSummary(summary);
        }
        case DataPoint.Histogram h -> {
          Metrics.Histogram.Builder histogram =
              Metrics.Histogram.newBuilder().setSampleCount(h.count()).setSampleSum(h.sum());
          for (DataPoint.Bucket b : h.buckets()) {
            histogram.addBucket(
                Metrics.Bucket.newBuilder()
                    .setUpperBound(b.upperBound())
                    .setCumulativeCount(b.cumulativeCount()));
          }
          metric.setHistogram(histogram);
        }
      }
      if (p.hasTimestamp()) {
        metric.setTimestampMs(p.timestampMs());
      }
      family.addMetric(metric);
    }
    return family.build();
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
