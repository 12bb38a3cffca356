package pgw.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pgw.api.store.TestMetrics.POST;
import static pgw.api.store.TestMetrics.PUT;
import static pgw.api.store.TestMetrics.hasGroup;
import static pgw.api.store.TestMetrics.key;
import static pgw.api.store.TestMetrics.push;
import static pgw.api.store.TestMetrics.rejection;
import static pgw.api.store.TestMetrics.scalar;
import static pgw.api.store.TestMetrics.untyped;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pgw.api.DataPoint;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

/** Duplicate series, decision D2 on failure groups, and the wording of several errors (D8). */
class DuplicateSeriesTest {
  private static final long T1 = 1_000_000_000L;
  private static final long T2 = 2_000_000_000L;
  private static final String C30_DUPLICATE =
      "collected metric \"c30\" { label:<name:\"instance\" value:\"\" > "
          + "label:<name:\"job\" value:\"c30\" > } was collected before with the same name and label values";

  private final MetricStore store = new MetricStore();

  @Test
  void c30_aSeriesTwiceInOnePushIsRejected() {
    MetricFamily twice = TestMetrics.family("c30", MetricType.UNTYPED, "", scalar(1), scalar(2));
    assertEquals(C30_DUPLICATE, rejection(push(store, key("c30"), PUT, T1, twice)));
  }

  @Test
  void c31_aSeriesHeldByAnotherGroupIsRejected() {
    push(store, key("c31"), PUT, T1, untyped("c31", 1, "instance", "i"));
    String reason = rejection(push(store, key("c31", "instance", "i"), PUT, T2, untyped("c31", 1)));
    assertTrue(reason.startsWith("collected metric \"c31\" { "), reason);
    assertTrue(reason.endsWith(" was collected before with the same name and label values"));
  }

  @Test
  void aGroupMayRewriteItsOwnSeries() {
    push(store, key("j"), PUT, T1, untyped("m", 1));
    assertEquals(PushResult.ACCEPTED, push(store, key("j"), POST, T2, untyped("m", 2)));
    assertEquals(PushResult.ACCEPTED, push(store, key("j"), PUT, T2, untyped("m", 3)));
  }

  @Test
  void seriesOfDifferentJobsNeverCollide() {
    push(store, key("a"), PUT, T1, untyped("m", 1, "x", "1"));
    assertEquals(PushResult.ACCEPTED, push(store, key("b"), PUT, T1, untyped("m", 1, "x", "1")));
  }

  @Test
  void c40_aPushWhoseTimestampSeriesCollideIsRejectedWithAllThreeErrors() {
    push(store, key("c40"), PUT, T1, untyped("c40", 1));
    String reason = rejection(push(store, key("c40", "instance", ""), PUT, T2, untyped("c40", 1)));
    String labels =
        " { label:<name:\"instance\" value:\"\" > label:<name:\"job\" value:\"c40\" > }";
    String dup = " was collected before with the same name and label values";
    assertEquals(
        "3 error(s) occurred:"
            + ("\n* collected metric \"c40\"" + labels + dup)
            + ("\n* collected metric \"push_failure_time_seconds\"" + labels + dup)
            + ("\n* collected metric \"push_time_seconds\"" + labels + dup),
        reason);
  }

  @Test
  void c40_underD2TheFailureCreatesNoCollidingGroupAndNothingIsPoisoned() {
    push(store, key("c40"), PUT, T1, untyped("c40", 1));
    rejection(push(store, key("c40", "instance", ""), PUT, T2, untyped("c40", 1)));
    assertFalse(hasGroup(store.view(), key("c40", "instance", "")));
    assertEquals(PushResult.ACCEPTED, push(store, key("c40other"), PUT, T2, untyped("c40", 1)));
    assertEquals(PushResult.ACCEPTED, push(store, key("c40"), POST, T2));
  }

  @Test
  void anEmptyPushToACollidingKeyIsRejectedToo() {
    push(store, key("c40"), PUT, T1);
    rejection(push(store, key("c40", "instance", ""), POST, T2));
    assertEquals(1, store.view().groups().size());
  }

  @Test
  void aFailureOnANewGroupThatCollidesWithNothingCreatesIt() {
    MetricFamily twice = TestMetrics.family("c30", MetricType.UNTYPED, "", scalar(1), scalar(2));
    rejection(push(store, key("c30"), PUT, T1, twice));
    assertTrue(hasGroup(store.view(), key("c30")));
  }

  @Test
  void theSameStateAndRequestGiveTheSameMessage() {
    MetricStore other = new MetricStore();
    for (MetricStore s : List.of(store, other)) {
      push(s, key("a"), PUT, T1, untyped("m", 1, "instance", "i"), TestMetrics.gauge("g", 1));
    }
    MetricFamily[] bad = {untyped("m", 1), TestMetrics.counter("g", 1), untyped("m", 2)};
    String first = rejection(push(store, key("a", "instance", "i"), PUT, T2, bad));
    assertEquals(first, rejection(push(other, key("a", "instance", "i"), PUT, T2, bad)));
    assertEquals(first, rejection(push(store, key("a", "instance", "i"), PUT, T2 + 1, bad)));
  }

  @Test
  void errorsAreListedFamiliesByNameThenPointsAsPushed() {
    MetricFamily b =
        TestMetrics.family("b", MetricType.UNTYPED, "", scalar(1, "x", "2"), scalar(1, "x", "2"));
    MetricFamily a = TestMetrics.family("a", MetricType.GAUGE, "", TestMetrics.summaryPoint());
    String reason = rejection(push(store, key("k"), PUT, T1, b, a));
    String[] lines = reason.split("\n");
    assertEquals("2 error(s) occurred:", lines[0]);
    assertTrue(lines[1].startsWith("* collected metric \"a\" "), reason);
    assertTrue(lines[2].startsWith("* collected metric \"b\" "), reason);
  }

  @Test
  void aLongErrorListIsCappedButCountedExactly() {
    List<DataPoint> points = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      points.add(scalar(1, "x", Integer.toString(i)));
      points.add(scalar(2, "x", Integer.toString(i)));
    }
    MetricFamily dups = new MetricFamily("m", MetricType.UNTYPED, "", points);
    String[] lines = rejection(push(store, key("k"), PUT, T1, dups)).split("\n");
    assertEquals("130 error(s) occurred:", lines[0]);
    assertEquals(1 + CheckErrors.MAX_LISTED + 1, lines.length);
    assertEquals("* (30 more not shown)", lines[lines.length - 1]);
  }
}
