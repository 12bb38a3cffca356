package pgw.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pgw.api.DataPoint;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

/** What every scrape of every reachable state must satisfy (decision D2), checked from outside. */
final class ScrapeInvariants {
  private ScrapeInvariants() {}

  static void assertValid(StoreView view) {
    Map<String, MetricType> typeByName = new HashMap<>();
    for (Group group : view.groups()) {
      assertGroupValid(group, typeByName);
    }
    String previous = null;
    Set<String> exposed = new HashSet<>();
    for (MetricFamily family : view.families()) {
      assertTrue(
          previous == null || previous.compareTo(family.name()) < 0, "order " + family.name());
      previous = family.name();
      exposed.add(family.name());
      assertFamilyValid(family);
    }
    for (MetricFamily family : view.families()) {
      assertNoSuffixCollision(family, exposed, typeByName);
    }
  }

  private static void assertGroupValid(Group group, Map<String, MetricType> typeByName) {
    List<StoredFamily> families = group.families();
    for (String name : List.of(TimestampFamilies.PUSH_TIME, TimestampFamilies.PUSH_FAILURE_TIME)) {
      StoredFamily ts = GroupFamilies.find(group, name);
      assertNotNull(ts, name + " missing in " + group.key());
      assertEquals(TimestampFamilies.labels(group.key()), ts.family().points().get(0).labels());
    }
    for (int i = 0; i < families.size(); i++) {
      MetricFamily family = families.get(i).family();
      assertTrue(i == 0 || families.get(i - 1).family().name().compareTo(family.name()) < 0);
      MetricType earlier = typeByName.putIfAbsent(family.name(), family.type());
      assertTrue(earlier == null || earlier == family.type(), "mixed types of " + family.name());
    }
  }

  private static void assertFamilyValid(MetricFamily family) {
    assertTrue(NameRules.isValidMetricName(family.name()), family.name());
    assertFalse(family.points().isEmpty(), "empty family " + family.name());
    Set<Labels> seen = new HashSet<>();
    Labels previous = null;
    for (DataPoint point : family.points()) {
      assertTrue(ConsistencyCheck.kindMatches(family.type(), point), "kind in " + family.name());
      assertFalse(point.hasTimestamp());
      assertTrue(seen.add(point.labels()), "duplicate " + family.name() + point.labels());
      assertTrue(previous == null || previous.compareTo(point.labels()) < 0, "point order");
      previous = point.labels();
      Labels labels = point.labels();
      assertNotNull(labels.get("job"));
      assertNotNull(labels.get("instance"));
      for (int i = 0; i < labels.size(); i++) {
        assertTrue(NameRules.isValidLabelName(labels.name(i)), labels.name(i));
        assertTrue(NameRules.isValidUnicode(labels.value(i)));
        assertFalse(point instanceof DataPoint.Summary && labels.name(i).equals("quantile"));
      }
    }
  }

  private static void assertNoSuffixCollision(
      MetricFamily family, Set<String> exposed, Map<String, MetricType> typeByName) {
    MetricType type = family.type();
    boolean histogram = type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM;
    if (type == MetricType.SUMMARY || histogram) {
      assertFalse(typeByName.containsKey(family.name() + "_count"), family.name() + "_count");
      assertFalse(typeByName.containsKey(family.name() + "_sum"), family.name() + "_sum");
    }
    if (histogram) {
      assertFalse(exposed.contains(family.name() + "_bucket"), family.name() + "_bucket");
      assertFalse(typeByName.containsKey(family.name() + "_bucket"));
    }
  }
}
