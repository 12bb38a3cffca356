package pgw.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pgw.api.store.TestMetrics.POST;
import static pgw.api.store.TestMetrics.PUT;
import static pgw.api.store.TestMetrics.key;
import static pgw.api.store.TestMetrics.push;
import static pgw.api.store.TestMetrics.scalar;
import static pgw.api.store.TestMetrics.summary;
import static pgw.api.store.TestMetrics.untyped;

import org.junit.jupiter.api.Test;
import pgw.api.MetricFamily;
import pgw.api.MetricType;
import pgw.api.PushMode;

/**
 * The check's cost depends on the push, not on the store: the same push reads the indexes the same
 * number of times whether the store holds a few groups or thousands of them under the same job and
 * the same names.
 */
class IncrementalCheckTest {
  private static final long T = 1_000_000_000L;

  /** {@code groups} groups of job "j", each holding the names the measured push writes. */
  private static MetricStore storeWith(int groups) {
    MetricStore store = new MetricStore();
    for (int i = 0; i < groups; i++) {
      push(
          store,
          key("j", "g", Integer.toString(i)),
          PUT,
          T,
          untyped("a", 1, "x", "1"),
          summary("s"));
    }
    return store;
  }

  private static long lookupsOf(MetricStore store, String group, PushMode mode) {
    MetricFamily a =
        TestMetrics.family("a", MetricType.UNTYPED, "", scalar(1, "x", "1"), scalar(2));
    long before = store.indexLookups();
    assertEquals(
        PushResult.ACCEPTED, push(store, key("j", "g", group), mode, T + 1, a, summary("s")));
    return store.indexLookups() - before;
  }

  @Test
  void aPushToANewGroupReadsTheIndexesIndependentlyOfTheStoreSize() {
    long small = lookupsOf(storeWith(3), "new", PUT);
    long large = lookupsOf(storeWith(3000), "new", PUT);
    assertEquals(small, large);
  }

  @Test
  void aPushToAnExistingGroupReadsTheIndexesIndependentlyOfTheStoreSize() {
    long small = lookupsOf(storeWith(3), "1", POST);
    long large = lookupsOf(storeWith(3000), "1", POST);
    assertEquals(small, large);
  }

  @Test
  void theLookupsAreBoundedByTheSizeOfThePush() {
    // 4 families (a, s and the two timestamp families), 5 points; s adds 2 suffix lookups.
    long lookups = lookupsOf(storeWith(3000), "new", PUT);
    assertTrue(lookups <= 4 + 2 + 5, "lookups: " + lookups);
  }

  @Test
  void deleteAndRepushKeepTheIndexesInStep() {
    MetricStore store = storeWith(50);
    for (int i = 0; i < 50; i += 2) {
      store.delete(key("j", "g", Integer.toString(i)));
    }
    lookupsOf(store, "0", PUT);
    assertTrue(store.indexesMatchGroups());
  }
}
