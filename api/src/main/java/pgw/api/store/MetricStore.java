package pgw.api.store;

import static pgw.api.store.TimestampFamilies.PUSH_FAILURE_TIME;
import static pgw.api.store.TimestampFamilies.PUSH_TIME;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import pgw.api.GroupingKey;
import pgw.api.MetricFamily;
import pgw.api.PushMode;

/**
 * The Pushgateway's state: groups of metric families keyed by grouping key, and every rule that
 * changes them.
 *
 * <p>Contract: the store is deterministic. Its state after a sequence of calls depends only on the
 * calls and their arguments: time comes only from the {@code timeNanos} argument, nothing reads a
 * clock or a random source, and every iteration is in sorted order. Replicas that apply the same
 * calls in the same order hold equal state and expose byte-identical output.
 *
 * <p>Invariant (decision D2): no reachable state makes a scrape invalid. Every write, including the
 * recording of a failure, is checked against name and series indexes first, at a cost proportional
 * to the push (plus, amortised, the families it replaces), not to the store.
 *
 * <p>Not thread-safe: the caller serialises writes. {@link #view()} returns an immutable view that
 * may be read from any thread while writes continue.
 */
public final class MetricStore {
  static final String TIMESTAMPS_REJECTED = "pushed metrics must not have timestamps";

  /** Persistent: replaced, never mutated, so views can share it. */
  private GroupTree groups = GroupTree.EMPTY;

  private final StoreIndexes indexes = new StoreIndexes();

  public MetricStore() {}

  /**
   * A store holding exactly {@code groups}, as captured by {@link StoreView#groups()}, with its
   * indexes rebuilt.
   *
   * @throws IllegalArgumentException if a key is given twice or the groups are inconsistent
   */
  public static MetricStore restore(List<Group> groups) {
    MetricStore store = new MetricStore();
    for (Group group : groups) {
      if (store.groups.get(group.key()) != null) {
        throw new IllegalArgumentException("group " + group.key() + " given twice");
      }
      Group sorted = GroupFamilies.sorted(group);
      try {
        store.indexes.addGroup(sorted);
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException("inconsistent groups: " + e.getMessage(), e);
      }
      store.groups = store.groups.put(sorted);
    }
    return store;
  }

  /**
   * Applies a push (PUT or POST) made at {@code timeNanos}, or rejects it and records the failure
   * on the group. The outcome, including a rejection's message, depends only on the current state
   * and the arguments.
   */
  public PushResult push(
      GroupingKey key, PushMode mode, List<MetricFamily> families, long timeNanos) {
    Objects.requireNonNull(key);
    Objects.requireNonNull(mode);
    Group group = groups.get(key);
    if (Sanitizer.hasTimestamp(families)) {
      return reject(key, group, timeNanos, List.of(TIMESTAMPS_REJECTED));
    }
    Sanitizer.Plan plan = Sanitizer.plan(key, families);
    SortedMap<String, MetricFamily> written = new TreeMap<>(plan.families());
    written.put(PUSH_TIME, TimestampFamilies.pushTime(key, TimestampFamilies.seconds(timeNanos)));
    if (group == null || GroupFamilies.find(group, PUSH_FAILURE_TIME) == null) {
      written.put(PUSH_FAILURE_TIME, TimestampFamilies.pushFailureTime(key, 0));
    }
    List<String> errors = new ArrayList<>(plan.errors());
    errors.addAll(check(key, group, mode, written));
    if (!errors.isEmpty()) {
      return reject(key, group, timeNanos, errors);
    }
    write(key, group, mode, written, timeNanos);
    return PushResult.ACCEPTED;
  }

  /** Removes the group with exactly this key; true if there was one. */
  public boolean delete(GroupingKey key) {
    Group group = groups.get(key);
    if (group == null) {
      return false;
    }
    indexes.removeGroup(group);
    groups = groups.remove(key);
    return true;
  }

  /** Removes every group. */
  public void wipe() {
    groups = GroupTree.EMPTY;
    indexes.clear();
  }

  /**
   * An immutable view of the current state, taken in O(1): it shares the persistent group tree,
   * which later writes replace rather than change. Never copies groups, families or points.
   */
  public StoreView view() {
    return new GroupTreeView(groups);
  }

  /** Index reads so far, for tests that show a push's cost does not depend on the store. */
  long indexLookups() {
    return indexes.lookups();
  }

  /** Whether the incremental indexes equal indexes rebuilt from the groups, for tests. */
  boolean indexesMatchGroups() {
    return StoreIndexes.of(groups).equals(indexes);
  }

  /**
   * Pushgateway §4.5: a failure sets {@code push_failure_time_seconds} and keeps (or zeroes) {@code
   * push_time_seconds}. Decision D2: a new group is created for that only if its timestamp series
   * pass the check, e.g. not when {@code {job="a"}} exists and the key is {@code {job="a",
   * instance=""}}: both groups would expose identical timestamp series.
   */
  private PushResult reject(GroupingKey key, Group group, long timeNanos, List<String> errors) {
    SortedMap<String, MetricFamily> written = new TreeMap<>();
    written.put(
        PUSH_FAILURE_TIME,
        TimestampFamilies.pushFailureTime(key, TimestampFamilies.seconds(timeNanos)));
    if (group == null || GroupFamilies.find(group, PUSH_TIME) == null) {
      written.put(PUSH_TIME, TimestampFamilies.pushTime(key, 0));
    }
    if (check(key, group, PushMode.REPLACE_SAME_NAMES, written).isEmpty()) {
      write(key, group, PushMode.REPLACE_SAME_NAMES, written, timeNanos);
    }
    return new PushResult.Rejected(CheckErrors.format(errors));
  }

  private List<String> check(
      GroupingKey key, Group group, PushMode mode, SortedMap<String, MetricFamily> written) {
    return new ConsistencyCheck(indexes.names, indexes.series, key, group, mode).check(written);
  }

  /**
   * Replaces the group's families by {@code written}: with PUT every family but the timestamp
   * families goes, with POST only those of a written name (Pushgateway §3.3, §3.4).
   */
  private void write(
      GroupingKey key,
      Group group,
      PushMode mode,
      SortedMap<String, MetricFamily> written,
      long timeNanos) {
    List<StoredFamily> families = new ArrayList<>();
    if (group != null) {
      for (StoredFamily stored : group.families()) {
        String name = stored.family().name();
        boolean kept =
            !written.containsKey(name)
                && (mode == PushMode.REPLACE_SAME_NAMES
                    || TimestampFamilies.isTimestampFamily(name));
        if (kept) {
          families.add(stored);
        } else {
          indexes.remove(stored.family());
        }
      }
    }
    for (MetricFamily family : written.values()) {
      indexes.add(key, family);
      families.add(new StoredFamily(family, timeNanos));
    }
    families.sort(GroupFamilies.BY_NAME);
    groups = groups.put(new Group(key, families));
  }
}
