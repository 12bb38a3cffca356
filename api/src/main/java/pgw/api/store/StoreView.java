package pgw.api.store;

import java.util.List;
import pgw.api.MetricFamily;

/**
 * An immutable view of the store at one moment, readable from any thread while the store goes on
 * being written. Views of equal states are equal.
 */
public interface StoreView {

  /** Every group in canonical grouping-key order, each with its families sorted by name. */
  List<Group> groups();

  /**
   * The pushed metrics as a scrape exposes them (Pushgateway §9.1): one family per name across
   * groups, families by name, points in exposition order, the HELP chosen by decision D3, empty
   * families left out. Produced lazily, one family at a time, so a scrape can stream; each call of
   * {@code iterator()} starts a new pass.
   */
  Iterable<MetricFamily> families();
}
