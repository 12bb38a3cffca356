package pgw.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static pgw.api.store.TestMetrics.PUT;
import static pgw.api.store.TestMetrics.family;
import static pgw.api.store.TestMetrics.key;
import static pgw.api.store.TestMetrics.push;
import static pgw.api.store.TestMetrics.scalar;
import static pgw.api.store.TestMetrics.scrape;
import static pgw.api.store.TestMetrics.untyped;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

/** The scrape's merge of all groups (§9.1) and the HELP rule of decision D3. */
class ExpositionMergeTest {
  private static final long T = 1_000_000_000L;

  private final MetricStore store = new MetricStore();

  private List<MetricFamily> families() {
    List<MetricFamily> list = new ArrayList<>();
    store.view().families().forEach(list::add);
    return list;
  }

  private MetricFamily scraped(String name) {
    return families().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void anEmptyStoreScrapesNothing() {
    assertFalse(store.view().families().iterator().hasNext());
  }

  @Test
  void namesAreSortedAndEachAppearsOnce() {
    push(store, key("b"), PUT, T, untyped("m", 1), untyped("Z", 1));
    push(store, key("a"), PUT, T, untyped("m", 1), untyped("a_", 1));
    List<String> names = families().stream().map(MetricFamily::name).toList();
    assertEquals(List.of("Z", "a_", "m", "push_failure_time_seconds", "push_time_seconds"), names);
  }

  @Test
  void aFamilyHoldsTheSeriesOfEveryGroupInExpositionOrder() {
    push(
        store,
        key("a"),
        PUT,
        T,
        family("m", MetricType.UNTYPED, "", scalar(2, "x", "2"), scalar(1, "x", "1")));
    push(store, key("b"), PUT, T, untyped("m", 3));
    assertEquals(
        List.of(
            "m{instance=\"\",job=\"b\"} 3.0",
            "m{instance=\"\",job=\"a\",x=\"1\"} 1.0",
            "m{instance=\"\",job=\"a\",x=\"2\"} 2.0"),
        scrape(store.view(), "m"));
  }

  @Test
  void timestampSeriesOfAllGroupsFormOneFamily() {
    push(store, key("b"), PUT, T);
    push(store, key("a", "instance", "i"), PUT, T);
    assertEquals(
        List.of(
            "push_time_seconds{instance=\"\",job=\"b\"} 1.0",
            "push_time_seconds{instance=\"i\",job=\"a\"} 1.0"),
        scrape(store.view(), "push_time_seconds"));
  }

  @Test
  void c29_theHelpOfTheFirstGroupInKeyOrderWins() {
    push(store, key("c29b"), PUT, T, family("c29", MetricType.UNTYPED, "help two", scalar(1)));
    push(store, key("c29a"), PUT, T, family("c29", MetricType.UNTYPED, "help one", scalar(1)));
    assertEquals("help one", scraped("c29").help());
  }

  @Test
  void anEmptyHelpNeverWins() {
    push(store, key("a"), PUT, T, untyped("m", 1));
    push(store, key("b"), PUT, T, family("m", MetricType.UNTYPED, "help two", scalar(1)));
    assertEquals("help two", scraped("m").help());
  }

  @Test
  void aFamilyWithoutHelpAnywhereHasNone() {
    push(store, key("a"), PUT, T, untyped("m", 1));
    assertEquals("", scraped("m").help());
  }

  @Test
  void familiesWithoutPointsAreLeftOut() {
    push(store, key("a"), PUT, T, new MetricFamily("e", MetricType.GAUGE, "", List.of()));
    push(store, key("b"), PUT, T, new MetricFamily("f", MetricType.GAUGE, "h", List.of()));
    push(store, key("c"), PUT, T, TestMetrics.gauge("f", 1));
    List<String> names = families().stream().map(MetricFamily::name).toList();
    assertFalse(names.contains("e"));
    assertEquals("h", scraped("f").help());
    assertEquals(1, scraped("f").points().size());
  }

  @Test
  void theStoredTypeIsKept() {
    push(store, key("a"), PUT, T, TestMetrics.histogram("h"), TestMetrics.summary("s"));
    assertEquals(MetricType.HISTOGRAM, scraped("h").type());
    assertEquals(MetricType.SUMMARY, scraped("s").type());
  }

  @Test
  void everyIterationIsANewPass() {
    push(store, key("a"), PUT, T, untyped("m", 1));
    Iterable<MetricFamily> families = store.view().families();
    List<MetricFamily> first = new ArrayList<>();
    families.forEach(first::add);
    List<MetricFamily> second = new ArrayList<>();
    families.forEach(second::add);
    assertEquals(first, second);
  }

  @Test
  void theIteratorEndsWithNoSuchElement() {
    push(store, key("a"), PUT, T);
    Iterator<MetricFamily> it = store.view().families().iterator();
    it.next();
    it.next();
    assertThrows(NoSuchElementException.class, it::next);
  }
}
