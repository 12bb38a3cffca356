package pgw.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pgw.api.store.TestMetrics.POST;
import static pgw.api.store.TestMetrics.PUT;
import static pgw.api.store.TestMetrics.familyNames;
import static pgw.api.store.TestMetrics.gauge;
import static pgw.api.store.TestMetrics.group;
import static pgw.api.store.TestMetrics.hasGroup;
import static pgw.api.store.TestMetrics.key;
import static pgw.api.store.TestMetrics.push;
import static pgw.api.store.TestMetrics.scrape;
import static pgw.api.store.TestMetrics.untyped;
import static pgw.api.store.TestMetrics.value;

import java.util.List;
import org.junit.jupiter.api.Test;
import pgw.api.DataPoint;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

/** Write semantics of the store: PUT, POST, DELETE, wipe, timestamp families (§3, §5). */
class MetricStoreTest {
  private static final long T1 = 1_700_000_000_123_456_789L;
  private static final long T2 = T1 + 5_000_000_000L;
  private static final String PT = "push_time_seconds";
  private static final String PFT = "push_failure_time_seconds";

  private final MetricStore store = new MetricStore();

  @Test
  void c03_emptyPostCreatesGroupWithOnlyTimestampFamilies() {
    GroupingKey key = key("c03");
    assertEquals(PushResult.ACCEPTED, store.push(key, POST, List.of(), T1));
    assertEquals(
        List.of(
            "push_failure_time_seconds{instance=\"\",job=\"c03\"} 0.0",
            "push_time_seconds{instance=\"\",job=\"c03\"} " + (T1 / 1e9)),
        scrape(store.view()));
  }

  @Test
  void timestampFamiliesAreGaugesWithUpstreamHelp() {
    push(store, key("h"), PUT, T1);
    MetricFamily pushTime = GroupFamilies.find(group(store.view(), key("h")), PT).family();
    MetricFamily failure = GroupFamilies.find(group(store.view(), key("h")), PFT).family();
    assertEquals(MetricType.GAUGE, pushTime.type());
    assertEquals(
        "Last Unix time when changing this group in the Pushgateway succeeded.", pushTime.help());
    assertEquals(
        "Last Unix time when changing this group in the Pushgateway failed.", failure.help());
  }

  @Test
  void timestampFamiliesKeepTheGroupingInstance() {
    push(store, key("j", "instance", "i", "x", "1"), PUT, T1);
    assertEquals(
        List.of("push_time_seconds{instance=\"i\",job=\"j\",x=\"1\"} " + (T1 / 1e9)),
        scrape(store.view(), PT));
  }

  @Test
  void c05_groupingLabelsOverrideBodyLabels() {
    GroupingKey key = key("c05", "instance", "inst");
    push(store, key, POST, T1, gauge("another_metric", 42, "instance", "x", "job", "y"));
    assertEquals(
        List.of("another_metric{instance=\"inst\",job=\"c05\"} 42.0"),
        scrape(store.view(), "another_metric"));
  }

  @Test
  void c07_emptyInstanceIsAppendedButABodyInstanceSurvives() {
    push(
        store, key("c07"), POST, T1, untyped("c07_a", 3.14), untyped("c07_b", 42, "instance", "b"));
    assertEquals(List.of("c07_a{instance=\"\",job=\"c07\"} 3.14"), scrape(store.view(), "c07_a"));
    assertEquals(List.of("c07_b{instance=\"b\",job=\"c07\"} 42.0"), scrape(store.view(), "c07_b"));
  }

  @Test
  void c08_timestampedPushIsRejectedAndNothingOfItStored() {
    GroupingKey key = key("c08", "instance", "i");
    MetricFamily stamped =
        new MetricFamily(
            "c08_b", MetricType.UNTYPED, "", List.of(new DataPoint.Scalar(Labels.EMPTY, 1, 1000)));
    PushResult result = push(store, key, POST, T1, untyped("c08_a", 1), stamped);
    assertEquals(new PushResult.Rejected("pushed metrics must not have timestamps"), result);
    assertEquals(List.of(PFT, PT), familyNames(store.view(), key));
    assertEquals(0.0, value(store.view(), key, PT));
    assertEquals(T1 / 1e9, value(store.view(), key, PFT));
  }

  @Test
  void c24_postReplacesOnlyFamiliesOfPushedNames() {
    push(store, key("c24"), PUT, T1, untyped("c24_a", 1), untyped("c24_b", 1));
    push(store, key("c24"), POST, T2, untyped("c24_b", 2), untyped("c24_c", 2));
    assertEquals(1.0, value(store.view(), key("c24"), "c24_a"));
    assertEquals(2.0, value(store.view(), key("c24"), "c24_b"));
    assertEquals(2.0, value(store.view(), key("c24"), "c24_c"));
  }

  @Test
  void c25_putReplacesEveryFamilyOfTheGroup() {
    push(store, key("c24"), PUT, T1, untyped("c24_a", 1), untyped("c24_b", 1));
    push(store, key("c24"), PUT, T2, untyped("c24_c", 3));
    assertEquals(List.of("c24_c", PFT, PT), familyNames(store.view(), key("c24")));
  }

  @Test
  void c26_emptyPostKeepsFamiliesAndUpdatesPushTime() {
    push(store, key("c26"), PUT, T1, untyped("c26", 1));
    push(store, key("c26"), POST, T2);
    assertEquals(1.0, value(store.view(), key("c26"), "c26"));
    assertEquals(T2 / 1e9, value(store.view(), key("c26"), PT));
  }

  @Test
  void c27_emptyPutLeavesOnlyTimestampFamilies() {
    push(store, key("c26"), PUT, T1, untyped("c26", 1));
    push(store, key("c26"), PUT, T2);
    assertEquals(List.of(PFT, PT), familyNames(store.view(), key("c26")));
  }

  @Test
  void c34_pushedPushTimeIsReplacedByTheRequestTime() {
    push(store, key("c34"), PUT, T1, gauge(PT, 5), untyped("c34", 1));
    assertEquals(T1 / 1e9, value(store.view(), key("c34"), PT));
  }

  @Test
  void m23_pushedPushFailureTimeIsDroppedOnExistingGroups() {
    push(store, key("m23"), PUT, T1, untyped("m23", 1));
    push(store, key("m23"), POST, T2, gauge(PFT, 7));
    assertEquals(0.0, value(store.view(), key("m23"), PFT));
  }

  @Test
  void c35_failedPushKeepsFamiliesAndPushTimeAndRecordsTheFailure() {
    push(store, key("c35"), PUT, T1, untyped("c35", 1));
    MetricFamily stamped =
        new MetricFamily(
            "c35", MetricType.UNTYPED, "", List.of(new DataPoint.Scalar(Labels.EMPTY, 1, 1)));
    assertInstanceOf(PushResult.Rejected.class, push(store, key("c35"), PUT, T2, stamped));
    assertEquals(1.0, value(store.view(), key("c35"), "c35"));
    assertEquals(T1 / 1e9, value(store.view(), key("c35"), PT));
    assertEquals(T2 / 1e9, value(store.view(), key("c35"), PFT));
  }

  @Test
  void successfulPushKeepsTheLastFailureTime() {
    push(store, key("f"), PUT, T1, untyped("f", 1, "a", "1"), untyped("f", 1, "a", "1"));
    push(store, key("f"), PUT, T2, untyped("f", 2));
    assertEquals(T1 / 1e9, value(store.view(), key("f"), PFT));
    assertEquals(T2 / 1e9, value(store.view(), key("f"), PT));
  }

  @Test
  void m29_postReplacesAFamilyWholesale() {
    MetricFamily twoSeries =
        TestMetrics.family(
            "d",
            MetricType.UNTYPED,
            "",
            TestMetrics.scalar(1, "x", "1"),
            TestMetrics.scalar(1, "x", "2"));
    push(store, key("m29"), POST, T1, twoSeries);
    push(store, key("m29"), POST, T2, untyped("d", 1, "x", "3"));
    assertEquals(List.of("d{instance=\"\",job=\"m29\",x=\"3\"} 1.0"), scrape(store.view(), "d"));
  }

  @Test
  void c42_familyWithoutPointsIsStoredButNotExposed() {
    MetricFamily empty = new MetricFamily("c42", MetricType.GAUGE, "h", List.of());
    assertEquals(PushResult.ACCEPTED, push(store, key("c42"), PUT, T1, empty));
    assertEquals(List.of(), scrape(store.view(), "c42"));
    assertEquals(List.of("c42", PFT, PT), familyNames(store.view(), key("c42")));
  }

  @Test
  void untouchedFamiliesKeepTheirPushTime() {
    push(store, key("t"), PUT, T1, untyped("a", 1));
    push(store, key("t"), POST, T2, untyped("b", 1));
    List<Long> times =
        group(store.view(), key("t")).families().stream().map(StoredFamily::pushTimeNanos).toList();
    assertEquals(List.of(T1, T2, T1, T2), times); // a, b, push_failure_time_seconds, push_time
  }

  @Test
  void deleteRemovesExactlyThatGroup() {
    push(store, key("j"), PUT, T1, untyped("m", 1));
    push(store, key("j", "instance", "i"), PUT, T1, untyped("m", 1));
    assertTrue(store.delete(key("j")));
    assertFalse(hasGroup(store.view(), key("j")));
    assertTrue(hasGroup(store.view(), key("j", "instance", "i")));
  }

  @Test
  void deleteOfAMissingGroupReportsFalse() {
    assertFalse(store.delete(key("nothing")));
  }

  @Test
  void deleteFreesItsSeriesForOtherGroups() {
    push(store, key("j"), PUT, T1, untyped("m", 1, "instance", "i"));
    store.delete(key("j"));
    assertEquals(
        PushResult.ACCEPTED, push(store, key("j", "instance", "i"), PUT, T2, untyped("m", 2)));
  }

  @Test
  void wipeRemovesEveryGroupAndItsIndexes() {
    push(store, key("a"), PUT, T1, untyped("m", 1));
    push(store, key("b"), PUT, T1, gauge("n", 1));
    store.wipe();
    assertEquals(List.of(), store.view().groups());
    assertEquals(PushResult.ACCEPTED, push(store, key("c"), PUT, T2, TestMetrics.counter("n", 1)));
  }

  @Test
  void groupsAreInCanonicalKeyOrderAndFamiliesByName() {
    push(store, key("b"), PUT, T1, untyped("z", 1), untyped("a", 1));
    push(store, key("a", "x", "1"), PUT, T1);
    push(store, key("a"), PUT, T1);
    List<GroupingKey> keys = store.view().groups().stream().map(Group::key).toList();
    assertEquals(List.of(key("a"), key("a", "x", "1"), key("b")), keys);
    assertEquals(List.of("a", PFT, PT, "z"), familyNames(store.view(), key("b")));
  }

  @Test
  void aViewIsUnaffectedByLaterWrites() {
    push(store, key("v"), PUT, T1, untyped("m", 1));
    StoreView before = store.view();
    List<String> scrapeBefore = scrape(before);
    push(store, key("v"), PUT, T2, untyped("m", 2));
    push(store, key("w"), PUT, T2, untyped("m", 3));
    store.delete(key("v"));
    assertEquals(scrapeBefore, scrape(before));
    assertEquals(List.of(key("v")), before.groups().stream().map(Group::key).toList());
  }
}
