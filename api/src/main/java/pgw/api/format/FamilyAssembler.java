package pgw.api.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pgw.api.DataPoint;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

/**
 * Collects parsed lines into metric families the way prometheus/common does: a line joins the
 * family of its exact name if there is one, else {@code _sum}/{@code _count} (and {@code _bucket})
 * lines join the family named without the suffix when that family is a summary (histogram). Each
 * label set of a summary or histogram is one point however its lines are spread.
 */
final class FamilyAssembler {
  /** What a line contributes to a summary or histogram family it joined. */
  enum Role {
    VALUE,
    COUNT,
    SUM
  }

  /** A family being built; {@code type} and {@code help} stay null until a line sets them. */
  static final class Family {
    final String name;
    MetricType type;
    String help;
    private final List<Object> points = new ArrayList<>(); // DataPoint or Series, in order
    private final Map<Labels, Series> series = new HashMap<>();

    private Family(String name) {
      this.name = name;
    }

    boolean isSummary() {
      return type == MetricType.SUMMARY;
    }

    boolean isHistogram() {
      return type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM;
    }

    private Series series(Labels labels) {
      return series.computeIfAbsent(
          labels,
          l -> {
            Series s = new Series(l);
            points.add(s);
            return s;
          });
    }

    private MetricFamily build() {
      List<DataPoint> built = new ArrayList<>(points.size());
      for (Object p : points) {
        built.add(p instanceof Series s ? s.build(isSummary()) : (DataPoint) p);
      }
      return new MetricFamily(name, type, help, built);
    }
  }

  /** One summary or histogram point, filled in line by line. */
  private static final class Series {
    final Labels labels;
    long count;
    double sum;
    long timestampMs = DataPoint.NO_TIMESTAMP;
    final List<DataPoint.Quantile> quantiles = new ArrayList<>();
    final List<DataPoint.Bucket> buckets = new ArrayList<>();

    Series(Labels labels) {
      this.labels = labels;
    }

    DataPoint build(boolean summary) {
      return summary
          ? new DataPoint.Summary(labels, count, sum, quantiles, timestampMs)
          : new DataPoint.Histogram(labels, count, sum, buckets, timestampMs);
    }
  }

  private final Map<String, Family> byName = new LinkedHashMap<>(); // first seen first
  private Role role = Role.VALUE;

  /** The family a line or comment naming {@code name} belongs to; sets {@link #role()}. */
  Family select(String name) {
    role = Role.VALUE;
    Family f = byName.get(name);
    if (f != null) {
      return f;
    }
    Role suffix =
        name.length() > 6 && name.endsWith("_count")
            ? Role.COUNT
            : name.length() > 4 && name.endsWith("_sum") ? Role.SUM : Role.VALUE;
    if (suffix != Role.VALUE) {
      String base = name.substring(0, name.length() - (suffix == Role.COUNT ? 6 : 4));
      f = byName.get(base);
      if (f != null && (f.isSummary() || f.isHistogram())) {
        role = suffix;
        return f;
      }
    } else if (name.length() > 7 && name.endsWith("_bucket")) {
      f = byName.get(name.substring(0, name.length() - 7));
      if (f != null && f.isHistogram()) {
        return f;
      }
    }
    f = new Family(name);
    byName.put(name, f);
    return f;
  }

  Role role() {
    return role;
  }

  /**
   * Adds one sample line: {@code special} is its quantile (summary) or upper bound (histogram), NaN
   * when the line had none; counts are already checked for sign where the format requires it.
   */
  void add(Family f, Role r, Labels labels, double special, double v, long timestampMs) {
    if (!f.isSummary() && !f.isHistogram()) {
      f.points.add(new DataPoint.Scalar(labels, v, timestampMs));
      return;
    }
    Series s = f.series(labels);
    switch (r) {
      case COUNT -> s.count = TextNumbers.goUint64(v);
      case SUM -> s.sum = v;
      case VALUE -> {
        if (!Double.isNaN(special)) {
          if (f.isSummary()) {
            s.quantiles.add(new DataPoint.Quantile(special, v));
          } else {
            s.buckets.add(new DataPoint.Bucket(special, TextNumbers.goUint64(v)));
          }
        }
      }
    }
    if (timestampMs != DataPoint.NO_TIMESTAMP) {
      s.timestampMs = timestampMs;
    }
  }

  /** The families that got at least one sample, in the order their names were first seen. */
  List<MetricFamily> families() {
    List<MetricFamily> out = new ArrayList<>(byName.size());
    for (Family f : byName.values()) {
      if (!f.points.isEmpty()) {
        out.add(f.build());
      }
    }
    return out;
  }
}
