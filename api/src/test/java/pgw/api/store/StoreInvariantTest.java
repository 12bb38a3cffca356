package pgw.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import pgw.api.DataPoint;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;
import pgw.api.PushMode;

/**
 * Decision D2 as a property: after every one of thousands of seeded random operations over a small
 * space of keys, names, types and labels (chosen to collide), the scrape is valid, the indexes
 * match the groups, and restoring the groups yields an equal store.
 */
class StoreInvariantTest {
  private static final List<GroupingKey> KEYS =
      List.of(
          GroupingKey.of("a"),
          GroupingKey.of("a", "instance", ""),
          GroupingKey.of("a", "instance", "i"),
          GroupingKey.of("a", "x", "1"),
          GroupingKey.of("b"),
          GroupingKey.of("b", "quantile", "q"),
          GroupingKey.of("b", "le", "1"));
  private static final List<String> NAMES =
      List.of("m", "m_count", "m_sum", "m_bucket", "n", "push_time_seconds", "bad.name");
  private static final List<Labels> LABELS =
      List.of(
          Labels.EMPTY,
          Labels.of("instance", "i"),
          Labels.of("x", "1"),
          Labels.of("job", "b"),
          Labels.of("quantile", "0.5"),
          Labels.of("le", "1"),
          Labels.of("__r", "1"),
          Labels.of("v", "\uD800"));

  @Test
  void noReachableStateBreaksAScrape() {
    Random random = new Random(20240611L);
    MetricStore store = new MetricStore();
    int accepted = 0;
    for (int step = 0; step < 3000; step++) {
      accepted += randomOperation(random, store, step) ? 1 : 0;
      StoreView view = store.view();
      ScrapeInvariants.assertValid(view);
      assertTrue(store.indexesMatchGroups(), "indexes drifted at step " + step);
      if (step % 100 == 0) {
        assertEquals(view, MetricStore.restore(view.groups()).view(), "restore at step " + step);
      }
    }
    // The space is small enough to hit both outcomes often; otherwise the test proves little.
    assertTrue(accepted > 600 && accepted < 2400, "accepted " + accepted);
  }

  @Test
  void theSameOperationsGiveEqualStoresAndOutcomes() {
    Random r1 = new Random(99);
    Random r2 = new Random(99);
    MetricStore s1 = new MetricStore();
    MetricStore s2 = new MetricStore();
    for (int step = 0; step < 500; step++) {
      assertEquals(randomOperation(r1, s1, step), randomOperation(r2, s2, step));
    }
    assertEquals(s1.view(), s2.view());
  }

  @Test
  void restoreRebuildsAStoreThatBehavesTheSame() {
    Random random = new Random(5);
    MetricStore store = new MetricStore();
    for (int step = 0; step < 300; step++) {
      randomOperation(random, store, step);
    }
    MetricStore restored = MetricStore.restore(store.view().groups());
    assertTrue(restored.indexesMatchGroups());
    Random r1 = new Random(6);
    Random r2 = new Random(6);
    for (int step = 300; step < 600; step++) {
      assertEquals(randomOperation(r1, store, step), randomOperation(r2, restored, step));
    }
    assertEquals(store.view(), restored.view());
  }

  /** One random push, delete or wipe; true if it was an accepted push. */
  private static boolean randomOperation(Random random, MetricStore store, int step) {
    GroupingKey key = KEYS.get(random.nextInt(KEYS.size()));
    int op = random.nextInt(100);
    if (op < 10) {
      store.delete(key);
      return false;
    }
    if (op < 11) {
      store.wipe();
      return false;
    }
    PushMode mode = op < 55 ? PushMode.REPLACE_GROUP : PushMode.REPLACE_SAME_NAMES;
    List<MetricFamily> families = new ArrayList<>();
    for (int f = random.nextInt(4); f > 0; f--) {
      families.add(randomFamily(random));
    }
    return store.push(key, mode, families, 1_000_000_000L * step) == PushResult.ACCEPTED;
  }

  private static MetricFamily randomFamily(Random random) {
    String name = NAMES.get(random.nextInt(NAMES.size()));
    MetricType type = MetricType.values()[random.nextInt(MetricType.values().length)];
    List<DataPoint> points = new ArrayList<>();
    for (int p = random.nextInt(4); p > 0; p--) {
      // Mostly usable labels and matching kinds, so that pushes also succeed.
      Labels labels = LABELS.get(random.nextInt(random.nextInt(10) < 8 ? 4 : LABELS.size()));
      MetricType kind =
          random.nextInt(10) < 9
              ? type
              : MetricType.values()[random.nextInt(MetricType.values().length)];
      long timestamp = random.nextInt(50) == 0 ? 1000 : DataPoint.NO_TIMESTAMP;
      points.add(point(kind, labels, random.nextInt(3), timestamp));
    }
    String help = random.nextBoolean() ? "" : "help " + random.nextInt(2);
    return new MetricFamily(name, type, help, points);
  }

  private static DataPoint point(MetricType kind, Labels labels, double value, long timestamp) {
    return switch (kind) {
      case COUNTER, GAUGE, UNTYPED -> new DataPoint.Scalar(labels, value, timestamp);
      case SUMMARY -> new DataPoint.Summary(labels, 1, value, List.of(), timestamp);
      case HISTOGRAM, GAUGE_HISTOGRAM ->
          new DataPoint.Histogram(labels, 1, value, List.of(), timestamp);
    };
  }
}
