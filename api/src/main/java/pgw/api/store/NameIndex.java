package pgw.api.store;

import java.util.HashMap;
import java.util.Map;
import pgw.api.MetricType;

/**
 * For every metric name stored in any group: its type and how many groups hold a family of that
 * name. Type and suffix-collision rules are decided per name, so a push consults this index once
 * per name it writes instead of walking the store.
 *
 * <p>Never iterated, so hash order cannot leak into anything the store produces.
 */
final class NameIndex {
  /** The type every family of the name has, and the number of groups holding one. */
  record Entry(MetricType type, int groups) {}

  private final Map<String, Entry> byName = new HashMap<>();
  private long lookups;

  /** The entry for {@code name}, or null when no group holds it. Counted, see {@link #lookups}. */
  Entry lookup(String name) {
    lookups++;
    return byName.get(name);
  }

  /**
   * Records one more group holding {@code name}.
   *
   * @throws IllegalStateException if the name is stored with another type: the check should have
   *     refused the write
   */
  void add(String name, MetricType type) {
    Entry entry = byName.get(name);
    if (entry == null) {
      byName.put(name, new Entry(type, 1));
    } else if (entry.type() != type) {
      throw new IllegalStateException(
          "metric " + name + " stored as " + entry.type() + ", now written as " + type);
    } else {
      byName.put(name, new Entry(type, entry.groups() + 1));
    }
  }

  /** Records one group less holding {@code name}. */
  void remove(String name) {
    Entry entry = byName.get(name);
    if (entry == null) {
      throw new IllegalStateException("metric " + name + " is not indexed");
    }
    if (entry.groups() == 1) {
      byName.remove(name);
    } else {
      byName.put(name, new Entry(entry.type(), entry.groups() - 1));
    }
  }

  void clear() {
    byName.clear();
  }

  /** Index reads so far: lets tests show that a push's cost does not grow with the store. */
  long lookups() {
    return lookups;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NameIndex other && byName.equals(other.byName);
  }

  @Override
  public int hashCode() {
    return byName.hashCode();
  }
}
