package pgw.api.store;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import pgw.api.DataPoint;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;

/**
 * Turns the families of a push into what the store would write: labels sanitized (Pushgateway
 * §3.2), the gateway's timestamp families dropped (decision D5), one family per name.
 */
final class Sanitizer {
  private Sanitizer() {}

  /**
   * The sanitized families by name, and the errors found while merging families a push named twice.
   */
  record Plan(SortedMap<String, MetricFamily> families, List<String> errors) {}

  /** Pushgateway §2.6: a single timestamp anywhere makes the whole push invalid. */
  static boolean hasTimestamp(List<MetricFamily> families) {
    for (MetricFamily family : families) {
      for (DataPoint point : family.points()) {
        if (point.hasTimestamp()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Grouping labels override or join the point's labels; {@code instance=""} if still absent. */
  static Labels sanitize(Labels labels, GroupingKey key) {
    Labels result = labels.withAll(key.labels());
    return result.contains(TimestampFamilies.INSTANCE)
        ? result
        : result.with(TimestampFamilies.INSTANCE, "");
  }

  /**
   * Families named twice in one push (possible in protobuf) are merged into one, as the gatherer
   * upstream merges same-named families; their series are then checked like any others.
   */
  static Plan plan(GroupingKey key, List<MetricFamily> families) {
    SortedMap<String, MetricFamily> byName = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    for (MetricFamily family : families) {
      if (TimestampFamilies.isTimestampFamily(family.name())) {
        continue;
      }
      List<DataPoint> points = new ArrayList<>(family.points().size());
      for (DataPoint point : family.points()) {
        points.add(point.withLabels(sanitize(point.labels(), key)));
      }
      MetricFamily earlier = byName.get(family.name());
      if (earlier == null) {
        byName.put(family.name(), family.withPoints(points));
      } else if (earlier.type() != family.type()) {
        errors.add(
            "gathered metric family "
                + family.name()
                + " has type "
                + family.type()
                + " but should have "
                + earlier.type());
      } else {
        List<DataPoint> merged = new ArrayList<>(earlier.points());
        merged.addAll(points);
        String help = earlier.help().isEmpty() ? family.help() : earlier.help();
        byName.put(family.name(), new MetricFamily(family.name(), family.type(), help, merged));
      }
    }
    return new Plan(byName, errors);
  }
}
