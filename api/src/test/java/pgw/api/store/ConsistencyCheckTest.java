package pgw.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pgw.api.store.TestMetrics.POST;
import static pgw.api.store.TestMetrics.PUT;
import static pgw.api.store.TestMetrics.counter;
import static pgw.api.store.TestMetrics.family;
import static pgw.api.store.TestMetrics.familyNames;
import static pgw.api.store.TestMetrics.gauge;
import static pgw.api.store.TestMetrics.histogram;
import static pgw.api.store.TestMetrics.key;
import static pgw.api.store.TestMetrics.push;
import static pgw.api.store.TestMetrics.rejection;
import static pgw.api.store.TestMetrics.summary;
import static pgw.api.store.TestMetrics.untyped;

import java.util.List;
import org.junit.jupiter.api.Test;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

/** Type, name, suffix and label rules of the consistency check (§4.2). */
class ConsistencyCheckTest {
  private static final long T1 = 1_000_000_000L;
  private static final long T2 = 2_000_000_000L;

  private final MetricStore store = new MetricStore();

  @Test
  void c28_aTypeConflictAcrossGroupsIsRejected() {
    push(store, key("c28a"), PUT, T1, gauge("c28", 1));
    String reason = rejection(push(store, key("c28b"), PUT, T2, counter("c28", 1)));
    assertEquals(
        "collected metric \"c28\" { label:<name:\"instance\" value:\"\" > "
            + "label:<name:\"job\" value:\"c28b\" > } is not a GAUGE",
        reason);
    assertEquals(
        List.of("push_failure_time_seconds", "push_time_seconds"),
        familyNames(store.view(), key("c28b")));
  }

  @Test
  void aGroupMayReplaceItsOwnFamilyWithAnotherType() {
    push(store, key("a"), PUT, T1, gauge("m", 1));
    assertEquals(PushResult.ACCEPTED, push(store, key("a"), POST, T2, counter("m", 1)));
    assertEquals(PushResult.ACCEPTED, push(store, key("b"), PUT, T2, counter("m", 1)));
  }

  @Test
  void aTypeConflictOfAFamilyWithoutPointsNamesBothTypes() {
    push(store, key("a"), PUT, T1, gauge("m", 1));
    MetricFamily empty = new MetricFamily("m", MetricType.COUNTER, "", List.of());
    assertEquals(
        "gathered metric family m has type COUNTER but should have GAUGE",
        rejection(push(store, key("b"), PUT, T2, empty)));
  }

  @Test
  void aPointOfTheWrongKindIsRejected() {
    MetricFamily mixed = family("m", MetricType.GAUGE, "", TestMetrics.summaryPoint());
    assertEquals(
        "collected metric \"m\" { label:<name:\"instance\" value:\"\" > "
            + "label:<name:\"job\" value:\"k\" > } is not a GAUGE",
        rejection(push(store, key("k"), PUT, T1, mixed)));
  }

  @Test
  void gaugeHistogramsNeedHistogramPoints() {
    MetricFamily wrong = family("m", MetricType.GAUGE_HISTOGRAM, "", TestMetrics.scalar(1));
    assertTrue(
        rejection(push(store, key("k"), PUT, T1, wrong)).endsWith("is not a GAUGE_HISTOGRAM"));
  }

  @Test
  void c38_aSuffixOfAStoredSummaryIsRejected() {
    push(store, key("c38a"), PUT, T1, summary("c38"));
    assertEquals(
        "collected metric named \"c38_count\" collides with previously collected summary named \"c38\"",
        rejection(push(store, key("c38b"), PUT, T2, untyped("c38_count", 1))));
  }

  @Test
  void c38_aSummaryNextToAStoredSuffixIsRejected() {
    push(store, key("c38a"), PUT, T1, untyped("c38_sum", 1));
    assertEquals(
        "collected histogram or summary named \"c38\" collides with previously collected metric named \"c38_sum\"",
        rejection(push(store, key("c38b"), PUT, T2, summary("c38"))));
  }

  @Test
  void aBucketNextToASummaryIsAllowed() {
    push(store, key("a"), PUT, T1, summary("s"));
    assertEquals(PushResult.ACCEPTED, push(store, key("b"), PUT, T2, untyped("s_bucket", 1)));
  }

  @Test
  void aBucketNextToAHistogramIsRejectedInBothDirections() {
    push(store, key("a"), PUT, T1, histogram("h"));
    assertEquals(
        "collected metric named \"h_bucket\" collides with previously collected histogram named \"h\"",
        rejection(push(store, key("b"), PUT, T2, untyped("h_bucket", 1))));
    push(store, key("c"), PUT, T1, untyped("g_bucket", 1));
    assertEquals(
        "collected histogram named \"g\" collides with previously collected metric named \"g_bucket\"",
        rejection(push(store, key("d"), PUT, T2, histogram("g"))));
  }

  @Test
  void gaugeHistogramsCollideLikeHistograms() {
    push(
        store,
        key("a"),
        PUT,
        T1,
        family("g", MetricType.GAUGE_HISTOGRAM, "", TestMetrics.histogramPoint()));
    assertEquals(
        "collected metric named \"g_sum\" collides with previously collected histogram named \"g\"",
        rejection(push(store, key("b"), PUT, T2, gauge("g_sum", 1))));
  }

  @Test
  void aCollisionInsideOnePushIsReportedOnce() {
    assertEquals(
        "collected metric named \"s_count\" collides with previously collected summary named \"s\"",
        rejection(push(store, key("a"), PUT, T1, summary("s"), untyped("s_count", 1))));
  }

  @Test
  void aSuffixFamilyTheGroupReplacesDoesNotCollide() {
    push(store, key("a"), PUT, T1, untyped("s_count", 1));
    assertEquals(PushResult.ACCEPTED, push(store, key("a"), PUT, T2, summary("s")));
  }

  @Test
  void aSuffixFamilyAPostKeepsDoesCollide() {
    push(store, key("a"), PUT, T1, untyped("s_count", 1));
    assertEquals(
        "collected histogram or summary named \"s\" collides with previously collected metric named \"s_count\"",
        rejection(push(store, key("a"), POST, T2, summary("s"))));
  }

  @Test
  void c39_aSummaryMustNotGetAQuantileLabelFromTheGroupingKey() {
    String reason = rejection(push(store, key("c39", "quantile", "x"), PUT, T1, summary("s")));
    assertTrue(reason.endsWith(" must not have an explicit \"quantile\" label"), reason);
    assertEquals(
        List.of("push_failure_time_seconds", "push_time_seconds"),
        familyNames(store.view(), key("c39", "quantile", "x")));
  }

  @Test
  void aHistogramMayHaveAnLeLabel() {
    assertEquals(PushResult.ACCEPTED, push(store, key("k", "le", "x"), PUT, T1, histogram("h")));
  }

  @Test
  void anInvalidLabelNameIsRejected() {
    assertTrue(
        rejection(push(store, key("k"), PUT, T1, untyped("m", 1, "1a", "v")))
            .endsWith(" has a label with an invalid name: 1a"));
  }

  @Test
  void aReservedLabelNameIsRejected() {
    assertTrue(
        rejection(push(store, key("k"), PUT, T1, untyped("m", 1, "__x", "v")))
            .endsWith(" has a label with an invalid name: __x"));
  }

  @Test
  void aLabelValueWithAnUnpairedSurrogateIsRejected() {
    assertTrue(
        rejection(push(store, key("k"), PUT, T1, untyped("m", 1, "v", "a\uD800")))
            .endsWith(" has a label named \"v\" whose value is not utf8: \"a\\xed\\xa0\\x80\""));
  }

  @Test
  void aPairedSurrogateIsAValidLabelValue() {
    assertEquals(
        PushResult.ACCEPTED, push(store, key("k"), PUT, T1, untyped("m", 1, "v", "\uD83D\uDE00")));
  }

  @Test
  void anInvalidMetricNameIsRejected() {
    assertEquals(
        "\"c51.bad-name\" is not a valid metric name",
        rejection(push(store, key("k"), PUT, T1, untyped("c51.bad-name", 1))));
  }

  @Test
  void aGroupingKeyWithAnInvalidLabelNameCreatesNoGroup() {
    rejection(push(store, key("k", "1bad", "v"), PUT, T1, untyped("m", 1)));
    assertEquals(List.of(), store.view().groups());
  }

  @Test
  void aGroupingKeyWithAnUnpairedSurrogateCreatesNoGroup() {
    rejection(push(store, key("k", "v", "\uDC00"), POST, T1));
    assertEquals(List.of(), store.view().groups());
  }

  @Test
  void familiesNamedTwiceInOnePushAreMerged() {
    push(store, key("k"), PUT, T1, untyped("m", 1, "a", "1"), untyped("m", 2, "a", "2"));
    assertEquals(2, TestMetrics.scrape(store.view(), "m").size());
  }

  @Test
  void familiesNamedTwiceWithDifferentTypesAreRejected() {
    assertEquals(
        "gathered metric family m has type COUNTER but should have GAUGE",
        rejection(
            push(store, key("k"), PUT, T1, gauge("m", 1, "a", "1"), counter("m", 2, "a", "2"))));
  }
}
