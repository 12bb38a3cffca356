package pgw.api.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import pgw.api.DataPoint;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;
import pgw.api.PushMode;

/**
 * Decides whether writing some families into one group keeps every scrape valid (Pushgateway §4.2):
 * names, types, suffix collisions, label names and values, duplicate series.
 *
 * <p>Upstream re-checks the whole store on every push; this check asks the name and series indexes
 * about the written families only, so its cost is proportional to the push. It assumes what is
 * stored is consistent, which the store guarantees by running it before every write.
 */
final class ConsistencyCheck {
  private static final String QUANTILE = "quantile";

  private final NameIndex names;
  private final SeriesIndex series;
  private final GroupingKey key;
  private final Group group;
  private final PushMode mode;

  /**
   * A check of writes into the group {@code key}, whose current content is {@code group} (null when
   * it does not exist yet).
   */
  ConsistencyCheck(
      NameIndex names, SeriesIndex series, GroupingKey key, Group group, PushMode mode) {
    this.names = names;
    this.series = series;
    this.key = key;
    this.group = group;
    this.mode = mode;
  }

  /**
   * The errors that writing {@code written} (sanitized families by name) would cause, in a
   * canonical order: families by name, then points as pushed. Empty if the write is consistent. A
   * family gets at most one family-level error, which skips its points; a point at most one error.
   */
  List<String> check(SortedMap<String, MetricFamily> written) {
    List<String> errors = new ArrayList<>();
    for (MetricFamily family : written.values()) {
      String familyError = familyError(family, written);
      if (familyError != null) {
        errors.add(familyError);
        continue;
      }
      Set<Labels> seen = new HashSet<>();
      for (DataPoint point : family.points()) {
        String pointError = pointError(family, point, seen);
        if (pointError != null) {
          errors.add(pointError);
        }
      }
    }
    return errors;
  }

  private String familyError(MetricFamily family, SortedMap<String, MetricFamily> written) {
    String name = family.name();
    if (!NameRules.isValidMetricName(name)) {
      return CheckErrors.quote(name) + " is not a valid metric name";
    }
    NameIndex.Entry entry = names.lookup(name);
    boolean elsewhere = entry != null && entry.groups() > (groupHolds(name) ? 1 : 0);
    if (elsewhere && entry.type() != family.type()) {
      return family.points().isEmpty()
          ? "gathered metric family "
              + name
              + " has type "
              + family.type()
              + " but should have "
              + entry.type()
          : CheckErrors.metric(name, family.points().get(0).labels()) + " is not a " + entry.type();
    }
    return suffixCollision(family, written);
  }

  /**
   * The messages and both directions of client_golang's {@code checkSuffixCollisions}; gauge
   * histograms count as histograms because the text format writes the same suffixes for them. When
   * both sides are written by this push, only the suffixed name reports the collision.
   */
  private String suffixCollision(MetricFamily family, SortedMap<String, MetricFamily> written) {
    String name = family.name();
    for (String suffix : List.of("_count", "_sum", "_bucket")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        MetricFamily writtenBase = written.get(base);
        MetricType baseType = writtenBase != null ? writtenBase.type() : typeKept(base);
        if (baseType == MetricType.SUMMARY && !suffix.equals("_bucket")) {
          return collidesWithPrevious(name, "summary", base);
        }
        if (isHistogram(baseType)) {
          return collidesWithPrevious(name, "histogram", base);
        }
      }
    }
    if (family.type() == MetricType.SUMMARY || isHistogram(family.type())) {
      for (String suffix : List.of("_count", "_sum")) {
        if (!written.containsKey(name + suffix) && typeKept(name + suffix) != null) {
          return "collected histogram or summary named "
              + CheckErrors.quote(name)
              + " collides with previously collected metric named "
              + CheckErrors.quote(name + suffix);
        }
      }
    }
    String bucket = name + "_bucket";
    if (isHistogram(family.type()) && !written.containsKey(bucket) && typeKept(bucket) != null) {
      return "collected histogram named "
          + CheckErrors.quote(name)
          + " collides with previously collected metric named "
          + CheckErrors.quote(bucket);
    }
    return null;
  }

  private static String collidesWithPrevious(String name, String kind, String base) {
    return "collected metric named "
        + CheckErrors.quote(name)
        + " collides with previously collected "
        + kind
        + " named "
        + CheckErrors.quote(base);
  }

  /** The type of {@code name} after the write, for a name the write does not write; or null. */
  private MetricType typeKept(String name) {
    NameIndex.Entry entry = names.lookup(name);
    if (entry == null) {
      return null;
    }
    boolean inGroup = groupHolds(name);
    boolean kept =
        inGroup
            && (mode == PushMode.REPLACE_SAME_NAMES || TimestampFamilies.isTimestampFamily(name));
    return entry.groups() > (inGroup ? 1 : 0) || kept ? entry.type() : null;
  }

  private String pointError(MetricFamily family, DataPoint point, Set<Labels> seen) {
    Labels labels = point.labels();
    if (!kindMatches(family.type(), point)) {
      return CheckErrors.metric(family.name(), labels) + " is not a " + family.type();
    }
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.name(i);
      if (!NameRules.isValidLabelName(label)) {
        return CheckErrors.metric(family.name(), labels)
            + " has a label with an invalid name: "
            + label;
      }
      if (point instanceof DataPoint.Summary && label.equals(QUANTILE)) {
        return CheckErrors.metric(family.name(), labels)
            + " must not have an explicit \"quantile\" label";
      }
      if (!NameRules.isValidUnicode(labels.value(i))) {
        return CheckErrors.metric(family.name(), labels)
            + " has a label named "
            + CheckErrors.quote(label)
            + " whose value is not utf8: "
            + CheckErrors.quote(labels.value(i));
      }
    }
    boolean duplicate = !seen.add(labels);
    if (!duplicate) {
      // A series the group itself holds under this name is replaced by the write, not duplicated.
      GroupingKey owner = series.owner(family.name(), labels);
      duplicate = owner != null && !owner.equals(key);
    }
    return duplicate
        ? CheckErrors.metric(family.name(), labels)
            + " was collected before with the same name and label values"
        : null;
  }

  private boolean groupHolds(String name) {
    return group != null && GroupFamilies.find(group, name) != null;
  }

  static boolean kindMatches(MetricType type, DataPoint point) {
    return switch (type) {
      case COUNTER, GAUGE, UNTYPED -> point instanceof DataPoint.Scalar;
      case SUMMARY -> point instanceof DataPoint.Summary;
      case HISTOGRAM, GAUGE_HISTOGRAM -> point instanceof DataPoint.Histogram;
    };
  }

  private static boolean isHistogram(MetricType type) {
    return type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM;
  }
}
