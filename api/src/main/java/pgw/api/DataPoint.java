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

  /** The same point with other labels. */
  DataPoint withLabels(Labels labels);

  /** Counter, gauge or untyped value. */
  record Scalar(Labels labels, double value, long timestampMs) implements DataPoint {
    public Scalar {
      Objects.requireNonNull(labels);
    }

    public Scalar(Labels labels, double value) {
      this(labels, value, NO_TIMESTAMP);
    }

    @Override
    public Scalar withLabels(Labels labels) {
      return new Scalar(labels, value, timestampMs);
    }
  }

  record Quantile(double quantile, double value) {}

  record Summary(Labels labels, long count, double sum, List<Quantile> quantiles, long timestampMs)
      implements DataPoint {
    public Summary {
      Objects.requireNonNull(labels);
      quantiles = List.copyOf(quantiles);
    }

    @Override
    public Summary withLabels(Labels labels) {
      return new Summary(labels, count, sum, quantiles, timestampMs);
    }
  }

  /** A classic bucket: the cumulative count of observations at most {@code upperBound}. */
  record Bucket(double upperBound, long cumulativeCount) {}

  record Histogram(Labels labels, long count, double sum, List<Bucket> buckets, long timestampMs)
      implements DataPoint {
    public Histogram {
      Objects.requireNonNull(labels);
      buckets = List.copyOf(buckets);
    }

    @Override
    public Histogram withLabels(Labels labels) {
      return new Histogram(labels, count, sum, buckets, timestampMs);
    }
  }
}
