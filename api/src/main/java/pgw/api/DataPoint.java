package pgw.api;

import java.util.List;
import java.util.Objects;

/**
 * One series of a metric family: its labels and the value(s) its type calls for.
 *
 * <p>Pushed data may carry a sample timestamp, which the store rejects (Pushgateway §2.6); stored
 * points never have one. {@link #NO_TIMESTAMP} marks its absence.
 */
public sealed interface DataPoint {
  long NO_TIMESTAMP = Long.MIN_VALUE;

  Labels labels();

  long timestampMs();

  default boolean hasTimestamp() {
    return timestampMs() != NO_TIMESTAMP;
  }

  /** What a protobuf push carried beyond the values below; {@link Extras#NONE} for text pushes. */
  Extras extras();

  /** The same point with other labels. */
  DataPoint withLabels(Labels labels);

  /** Counter, gauge or untyped value. */
  record Scalar(Labels labels, double value, long timestampMs, Extras extras) implements DataPoint {
    public Scalar {
      Objects.requireNonNull(labels);
      Objects.requireNonNull(extras);
    }

    public Scalar(Labels labels, double value) {
      this(labels, value, NO_TIMESTAMP);
    }

    public Scalar(Labels labels, double value, long timestampMs) {
      this(labels, value, timestampMs, Extras.NONE);
    }

    @Override
    public Scalar withLabels(Labels labels) {
      return new Scalar(labels, value, timestampMs, extras);
    }
  }

  record Quantile(double quantile, double value) {}

  record Summary(
      Labels labels,
      long count,
      double sum,
      List<Quantile> quantiles,
      long timestampMs,
      Extras extras)
      implements DataPoint {
    public Summary {
      Objects.requireNonNull(labels);
      Objects.requireNonNull(extras);
      quantiles = List.copyOf(quantiles);
    }

    public Summary(
        Labels labels, long count, double sum, List<Quantile> quantiles, long timestampMs) {
      this(labels, count, sum, quantiles, timestampMs, Extras.NONE);
    }

    @Override
    public Summary withLabels(Labels labels) {
      return new Summary(labels, count, sum, quantiles, timestampMs, extras);
    }
  }

  /** A classic bucket: the cumulative count of observations at most {@code upperBound}. */
  record Bucket(double upperBound, long cumulativeCount) {}

  /**
   * A classic histogram, or a native one: then {@link #extras} holds its schema, zero bucket, spans
   * and deltas or float counts, and {@code buckets} holds the classic buckets sent along, if any.
   * Counts here are the protobuf integer fields; a float histogram's counts are in the extras.
   */
  record Histogram(
      Labels labels, long count, double sum, List<Bucket> buckets, long timestampMs, Extras extras)
      implements DataPoint {
    public Histogram {
      Objects.requireNonNull(labels);
      Objects.requireNonNull(extras);
      buckets = List.copyOf(buckets);
    }

    public Histogram(
        Labels labels, long count, double sum, List<Bucket> buckets, long timestampMs) {
      this(labels, count, sum, buckets, timestampMs, Extras.NONE);
    }

    @Override
    public Histogram withLabels(Labels labels) {
      return new Histogram(labels, count, sum, buckets, timestampMs, extras);
    }
  }
}
