package pgw.api.store;

import pgw.api.DataPoint;
import pgw.api.GroupingKey;
import pgw.api.MetricFamily;

/**
 * The store's name and series indexes, kept in step with its groups: every family a group holds is
 * indexed, and nothing else.
 */
final class StoreIndexes {
  final NameIndex names = new NameIndex();
  final SeriesIndex series = new SeriesIndex();

  /** Indexes built from scratch; throws IllegalStateException if the groups are inconsistent. */
  static StoreIndexes of(Iterable<Group> groups) {
    StoreIndexes indexes = new StoreIndexes();
    groups.forEach(indexes::addGroup);
    return indexes;
  }

  void add(GroupingKey owner, MetricFamily family) {
    names.add(family.name(), family.type());
    for (DataPoint point : family.points()) {
      series.add(family.name(), point.labels(), owner);
    }
  }

  void remove(MetricFamily family) {
    names.remove(family.name());
    for (DataPoint point : family.points()) {
      series.remove(family.name(), point.labels());
    }
  }

  void addGroup(Group group) {
    for (StoredFamily family : group.families()) {
      add(group.key(), family.family());
    }
  }

  void removeGroup(Group group) {
    for (StoredFamily family : group.families()) {
      remove(family.family());
    }
  }

  void clear() {
    names.clear();
    series.clear();
  }

  long lookups() {
    return names.lookups() + series.lookups();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreIndexes other
        && names.equals(other.names)
        && series.equals(other.series);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + series.hashCode();
  }
}
