package pgw.api.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import pgw.api.DataPoint;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;
import pgw.api.PushMode;

/** Tiny builders for pushed metrics and readers of a store's scrape, for the store's tests. */
final class TestMetrics {
  static final PushMode PUT = PushMode.REPLACE_GROUP;
  static final PushMode POST = PushMode.REPLACE_SAME_NAMES;

  private TestMetrics() {}

  static GroupingKey key(String job, String... namesAndValues) {
    return GroupingKey.of(job, namesAndValues);
  }

  static DataPoint.Scalar scalar(double value, String... labels) {
    return new DataPoint.Scalar(Labels.of(labels), value);
  }

  static DataPoint.Summary summaryPoint(String... labels) {
    List<DataPoint.Quantile> quantiles = List.of(new DataPoint.Quantile(0.5, 1.5));
    return new DataPoint.Summary(Labels.of(labels), 4, 10, quantiles, DataPoint.NO_TIMESTAMP);
  }

  static DataPoint.Histogram histogramPoint(String... labels) {
    List<DataPoint.Bucket> buckets = List.of(new DataPoint.Bucket(1, 1));
    return new DataPoint.Histogram(Labels.of(labels), 4, 5.5, buckets, DataPoint.NO_TIMESTAMP);
  }

  static MetricFamily family(String name, MetricType type, String help, DataPoint... points) {
    return new MetricFamily(name, type, help, Arrays.asList(points));
  }

  static MetricFamily gauge(String name, double value, String... labels) {
    return family(name, MetricType.GAUGE, "", scalar(value, labels));
  }

  static MetricFamily counter(String name, double value, String... labels) {
    return family(name, MetricType.COUNTER, "", scalar(value, labels));
  }

  static MetricFamily untyped(String name, double value, String... labels) {
    return family(name, MetricType.UNTYPED, "", scalar(value, labels));
  }

  static MetricFamily summary(String name, String... labels) {
    return family(name, MetricType.SUMMARY, "", summaryPoint(labels));
  }

  static MetricFamily histogram(String name, String... labels) {
    return family(name, MetricType.HISTOGRAM, "", histogramPoint(labels));
  }

  static PushResult push(
      MetricStore store, GroupingKey key, PushMode mode, long timeNanos, MetricFamily... families) {
    return store.push(key, mode, List.of(families), timeNanos);
  }

  /** The reason of a rejection; fails if the push was accepted. */
  static String rejection(PushResult result) {
    if (result instanceof PushResult.Rejected rejected) {
      return rejected.reason();
    }
    throw new AssertionError("push was accepted");
  }

  /** The scrape as {@code name{labels} value} lines, scalars only, in exposition order. */
  static List<String> scrape(StoreView view) {
    List<String> lines = new ArrayList<>();
    for (MetricFamily family : view.families()) {
      for (DataPoint point : family.points()) {
        String value = point instanceof DataPoint.Scalar s ? String.valueOf(s.value()) : "*";
        lines.add(family.name() + point.labels() + " " + value);
      }
    }
    return lines;
  }

  /** The scrape lines of one family. */
  static List<String> scrape(StoreView view, String name) {
    return scrape(view).stream().filter(l -> l.startsWith(name + "{")).toList();
  }

  /** The families of one group, by name. */
  static List<String> familyNames(StoreView view, GroupingKey key) {
    return group(view, key).families().stream().map(f -> f.family().name()).toList();
  }

  static Group group(StoreView view, GroupingKey key) {
    return view.groups().stream()
        .filter(g -> g.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group " + key));
  }

  static boolean hasGroup(StoreView view, GroupingKey key) {
    return view.groups().stream().anyMatch(g -> g.key().equals(key));
  }

  /** The value of the single scalar point of family {@code name} in group {@code key}. */
  static double value(StoreView view, GroupingKey key, String name) {
    StoredFamily family = GroupFamilies.find(group(view, key), name);
    if (family == null) {
      throw new AssertionError("no family " + name + " in " + key);
    }
    return ((DataPoint.Scalar) family.family().points().get(0)).value();
  }
}
