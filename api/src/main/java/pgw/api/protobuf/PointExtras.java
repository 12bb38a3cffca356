package pgw.api.protobuf;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import pgw.api.DataPoint;
import pgw.api.Extras;

/**
 * The protobuf fields of a pushed metric that the model keeps only as {@link Extras}: exemplars,
 * created timestamps, native histogram fields and float counts.
 *
 * <p>They are kept as a {@code Metric} message holding only those fields (the "residue"),
 * serialized once. A residue is canonical when extracting the residue of the decoded message yields
 * the same bytes again; replicated bytes that are not canonical are refused by {@link
 * #fromReplicated}.
 */
public final class PointExtras {
  private PointExtras() {}

  /** The residue of a pushed counter: its exemplar and created timestamp. */
  static Extras ofCounter(Metrics.Counter c) {
    Metrics.Counter.Builder residue = Metrics.Counter.newBuilder();
    if (c.hasExemplar()) {
      residue.setExemplar(c.getExemplar());
    }
    if (c.hasCreatedTimestamp()) {
      residue.setCreatedTimestamp(c.getCreatedTimestamp());
    }
    return of(residue.build().getSerializedSize() == 0 ? null : metric().setCounter(residue));
  }

  static Extras ofSummary(Metrics.Summary s) {
    if (!s.hasCreatedTimestamp()) {
      return Extras.NONE;
    }
    return of(
        metric()
            .setSummary(Metrics.Summary.newBuilder().setCreatedTimestamp(s.getCreatedTimestamp())));
  }

  /** Everything of a histogram but its integer count, sum and classic bounds and counts. */
  static Extras ofHistogram(Metrics.Histogram h) {
    Metrics.Histogram.Builder residue =
        h.toBuilder().clearSampleCount().clearSampleSum().clearBucket();
    List<Metrics.Bucket> buckets = new ArrayList<>(h.getBucketCount());
    boolean any = false;
    for (Metrics.Bucket b : h.getBucketList()) {
      Metrics.Bucket rest = b.toBuilder().clearUpperBound().clearCumulativeCount().build();
      any |= rest.getSerializedSize() > 0;
      buckets.add(rest);
    }
    if (any) {
      residue.addAllBucket(buckets);
    }
    Metrics.Histogram built = residue.build();
    return of(built.getSerializedSize() == 0 ? null : metric().setHistogram(built));
  }

  private static Metrics.Metric.Builder metric() {
    return Metrics.Metric.newBuilder();
  }

  private static Extras of(Metrics.Metric.Builder residue) {
    return residue == null ? Extras.NONE : Extras.ofBytes(residue.build().toByteArray());
  }

  /** The residue message; empty for {@link Extras#NONE}. */
  public static Metrics.Metric message(Extras extras) {
    if (extras.isEmpty()) {
      return Metrics.Metric.getDefaultInstance();
    }
    try {
      return Metrics.Metric.parseFrom(extras.toByteArray());
    } catch (IOException e) {
      // Extras are only made here or checked by fromReplicated.
      throw new IllegalStateException("stored extras do not decode", e);
    }
  }

  /**
   * Checks replicated bytes before they become a point's extras.
   *
   * @param point the point they belong to, without extras, which decides which residue may appear
   * @throws IllegalArgumentException if the bytes are not the canonical residue of such a point
   */
  public static Extras fromReplicated(DataPoint point, byte[] bytes) {
    if (bytes.length == 0) {
      return Extras.NONE;
    }
    Metrics.Metric m;
    try {
      m = Metrics.Metric.parseFrom(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("extras do not decode: " + e.getMessage());
    }
    Extras canonical =
        switch (point) {
          case DataPoint.Scalar s -> m.hasCounter() ? ofCounter(m.getCounter()) : Extras.NONE;
          case DataPoint.Summary s -> m.hasSummary() ? ofSummary(m.getSummary()) : Extras.NONE;
          case DataPoint.Histogram h ->
              m.hasHistogram() && bucketsFit(m.getHistogram(), h)
                  ? ofHistogram(m.getHistogram())
                  : Extras.NONE;
        };
    if (!Arrays.equals(canonical.toByteArray(), bytes)) {
      throw new IllegalArgumentException("extras are not the canonical residue of this point");
    }
    return canonical;
  }

  private static boolean bucketsFit(Metrics.Histogram residue, DataPoint.Histogram h) {
    return residue.getBucketCount() == 0 || residue.getBucketCount() == h.buckets().size();
  }

  /**
   * The counts a histogram shows in text and JSON: the float ones where the push sent float counts
   * (upstream's rule: a float count that is greater than zero), the integer ones otherwise.
   */
  public record Counts(double count, double[] buckets) {}

  public static Counts counts(DataPoint.Histogram h) {
    double[] buckets = new double[h.buckets().size()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = unsigned(h.buckets().get(i).cumulativeCount());
    }
    double count = unsigned(h.count());
    if (!h.extras().isEmpty()) {
      Metrics.Histogram residue = message(h.extras()).getHistogram();
      if (residue.getSampleCountFloat() > 0) {
        count = residue.getSampleCountFloat();
      }
      for (int i = 0; i < residue.getBucketCount() && i < buckets.length; i++) {
        if (residue.getBucket(i).getCumulativeCountFloat() > 0) {
          buckets[i] = residue.getBucket(i).getCumulativeCountFloat();
        }
      }
    }
    return new Counts(count, buckets);
  }

  /** uint64 to the nearest double, as Go's {@code float64(u)} converts it. */
  static double unsigned(long u) {
    // Halve with the lowest bit kept sticky, so that the one rounding is the right one.
    return u >= 0 ? u : ((double) ((u >>> 1) | (u & 1))) * 2.0;
  }
}
