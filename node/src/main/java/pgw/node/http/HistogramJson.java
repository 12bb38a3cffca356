package pgw.node.http;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pgw.api.DataPoint;
import pgw.api.format.GoFloat;
import pgw.api.protobuf.PointExtras;

/**
 * The {@code buckets} and {@code count} of a histogram in {@code /api/v1/metrics}, as upstream 1.11
 * renders them (§1.5): classic buckets as an object, float counts where they are greater than zero
 * (upstream ≥ 1.10); a histogram with native spans as an array of {@code [boundary_code, lower,
 * upper, count]} for every non-empty bucket (upstream ≥ 1.8), most negative first, then the zero
 * bucket, then the positive ones. We follow upstream here, not 1.5.1, which knows no native fields.
 *
 * <p>Bucket bounds follow Prometheus' schema arithmetic; for schemas above 0 they are computed with
 * {@link Math#pow}, which may differ from upstream's precomputed table in the last digit.
 */
final class HistogramJson {
  /** {@code (lower, upper]}, {@code [lower, upper)}, {@code [lower, upper]}. */
  private static final int LEFT_OPEN = 0;

  private static final int RIGHT_OPEN = 1;
  private static final int CLOSED = 3;

  record Rendered(String buckets, String count) {}

  private HistogramJson() {}

  static Rendered render(DataPoint.Histogram h) {
    Metrics.Histogram residue = PointExtras.message(h.extras()).getHistogram();
    if (residue.getNegativeSpanCount() + residue.getPositiveSpanCount() > 0) {
      return nativeBuckets(residue, h.count());
    }
    Map<String, String> buckets = new TreeMap<>();
    for (int i = 0; i < h.buckets().size(); i++) {
      DataPoint.Bucket b = h.buckets().get(i);
      double f = i < residue.getBucketCount() ? residue.getBucket(i).getCumulativeCountFloat() : 0;
      buckets.put(
          GoFloat.formatFloat(b.upperBound()),
          f > 0 ? GoFloat.formatFloat(f) : Long.toUnsignedString(b.cumulativeCount()));
    }
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> e : buckets.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(Json.string(e.getKey())).append(':').append(Json.string(e.getValue()));
    }
    String count =
        residue.getSampleCountFloat() > 0
            ? GoFloat.formatFloat(residue.getSampleCountFloat())
            : Long.toUnsignedString(h.count());
    return new Rendered(json.append('}').toString(), count);
  }

  private static Rendered nativeBuckets(Metrics.Histogram n, long intCount) {
    boolean isFloat = n.getSampleCountFloat() > 0 || n.getZeroCountFloat() > 0;
    int schema = n.getSchema();
    List<String> out = new ArrayList<>();
    List<String> negative = new ArrayList<>();
    iterate(
        n.getNegativeSpanList(),
        isFloat,
        n.getNegativeDeltaList(),
        n.getNegativeCountList(),
        (idx, count) ->
            negative.add(bucket(RIGHT_OPEN, -bound(idx, schema), -bound(idx - 1, schema), count)));
    for (int i = negative.size() - 1; i >= 0; i--) {
      out.add(negative.get(i));
    }
    boolean zeroBucket = isFloat ? n.getZeroCountFloat() != 0 : n.getZeroCount() != 0;
    if (zeroBucket) {
      double zt = n.getZeroThreshold();
      String count =
          isFloat
              ? GoFloat.formatFloat(n.getZeroCountFloat())
              : Long.toUnsignedString(n.getZeroCount());
      out.add(bucket(CLOSED, -zt, zt, count));
    }
    iterate(
        n.getPositiveSpanList(),
        isFloat,
        n.getPositiveDeltaList(),
        n.getPositiveCountList(),
        (idx, count) ->
            out.add(bucket(LEFT_OPEN, bound(idx - 1, schema), bound(idx, schema), count)));
    // The residue holds no integer count: that is the model's.
    String count =
        isFloat ? GoFloat.formatFloat(n.getSampleCountFloat()) : Long.toUnsignedString(intCount);
    return new Rendered("[" + String.join(",", out) + "]", count);
  }

  private interface BucketSink {
    void accept(int index, String count);
  }

  /** Every non-empty bucket with its index; integer histograms send deltas, float ones counts. */
  private static void iterate(
      List<Metrics.BucketSpan> spans,
      boolean isFloat,
      List<Long> deltas,
      List<Double> counts,
      BucketSink sink) {
    int idx = 0;
    int i = 0;
    int size = isFloat ? counts.size() : deltas.size();
    long current = 0;
    for (Metrics.BucketSpan span : spans) {
      idx += span.getOffset();
      // As Prometheus' iterator: it ends with the counts sent, whatever lengths the spans claim
      // (a pushed length of 2^32-1 must not cost 2^32 steps).
      long length = Integer.toUnsignedLong(span.getLength());
      for (long k = 0; k < length && i < size; k++, idx++, i++) {
        if (isFloat) {
          double count = counts.get(i);
          if (count != 0) {
            sink.accept(idx, GoFloat.formatFloat(count));
          }
        } else {
          current += deltas.get(i);
          if (current != 0) {
            sink.accept(idx, Long.toUnsignedString(current));
          }
        }
      }
    }
  }

  /** The upper bound of bucket {@code idx} in {@code schema}, as Prometheus' getBound. */
  static double bound(int idx, int schema) {
    if (schema < 0) {
      long exp = (long) idx << Math.min(-schema, 32);
      if (exp == 1024) {
        return Double.MAX_VALUE; // the last finite bucket; the next one counts ±Inf
      }
      return Math.scalb(1.0, (int) Math.max(-4096, Math.min(4096, exp)));
    }
    int s = Math.min(schema, 30);
    int fracIdx = idx & ((1 << s) - 1);
    double frac = fracIdx == 0 ? 0.5 : Math.pow(2, (double) fracIdx / (1 << s)) / 2;
    int exp = (idx >> s) + 1;
    if (frac == 0.5 && exp == 1025) {
      return Double.MAX_VALUE;
    }
    return Math.scalb(frac, exp);
  }

  private static String bucket(int code, double lower, double upper, String count) {
    return "["
        + code
        + ","
        + Json.string(GoFloat.formatFloat(lower))
        + ","
        + Json.string(GoFloat.formatFloat(upper))
        + ","
        + Json.string(count)
        + "]";
  }
}
