package pgw.api.store;

import java.util.HashMap;
import java.util.Map;
import pgw.api.GroupingKey;
import pgw.api.Labels;

/**
 * Which group owns each stored series (metric name plus sanitized labels), sharded by {@code job}.
 *
 * <p>Every stored series carries its group's {@code job} label, so series of different jobs can
 * never be equal: duplicate detection needs only the shard of the pushed job, and the shards could
 * live apart. Never iterated, so hash order cannot leak into anything the store produces.
 */
final class SeriesIndex {
  /** Comparable so that colliding hashes still cost O(log n) in a HashMap bin. */
  private record Series(String name, Labels labels) implements Comparable<Series> {
    @Override
    public int compareTo(Series o) {
      int c = name.compareTo(o.name);
      return c != 0 ? c : labels.compareTo(o.labels);
    }
  }

  private final Map<String, Map<Series, GroupingKey>> byJob = new HashMap<>();
  private long lookups;

  /** The group holding this series, or null. Counted, see {@link #lookups}. */
  GroupingKey owner(String name, Labels labels) {
    lookups++;
    Map<Series, GroupingKey> shard = byJob.get(job(labels));
    return shard == null ? null : shard.get(new Series(name, labels));
  }

  /**
   * Records that {@code owner} holds this series.
   *
   * @throws IllegalStateException if another group holds it: the check should have refused that
   */
  void add(String name, Labels labels, GroupingKey owner) {
    GroupingKey previous =
        byJob
            .computeIfAbsent(job(labels), j -> new HashMap<>())
            .put(new Series(name, labels), owner);
    if (previous != null && !previous.equals(owner)) {
      throw new IllegalStateException(
          "series " + name + labels + " of " + owner + " is already held by " + previous);
    }
  }

  void remove(String name, Labels labels) {
    String job = job(labels);
    Map<Series, GroupingKey> shard = byJob.get(job);
    if (shard == null || shard.remove(new Series(name, labels)) == null) {
      throw new IllegalStateException("series " + name + labels + " is not indexed");
    }
    if (shard.isEmpty()) {
      byJob.remove(job);
    }
  }

  void clear() {
    byJob.clear();
  }

  long lookups() {
    return lookups;
  }

  private static String job(Labels labels) {
    String job = labels.get(GroupingKey.JOB);
    return job == null ? "" : job;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesIndex other && byJob.equals(other.byJob);
  }

  @Override
  public int hashCode() {
    return byJob.hashCode();
  }
}
