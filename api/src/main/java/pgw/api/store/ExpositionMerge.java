package pgw.api.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import pgw.api.DataPoint;
import pgw.api.MetricFamily;

/**
 * The pushed metrics as a scrape exposes them (Pushgateway §9.1): one family per name across all
 * groups, names in order, points in exposition order ({@link pgw.api.Labels#compareTo}), the HELP
 * chosen by decision D3, families without points left out.
 *
 * <p>Each group's families are already sorted by name, so a k-way merge over the groups yields the
 * names in order while holding one cursor per group: every family is built only when the iterator
 * reaches it, and a scrape streams. Cursors of the same name leave the queue in grouping-key order,
 * which is what makes the first non-empty HELP the canonical one.
 */
final class ExpositionMerge implements Iterable<MetricFamily> {
  private final List<Group> groups;

  ExpositionMerge(List<Group> groups) {
    this.groups = groups;
  }

  @Override
  public Iterator<MetricFamily> iterator() {
    return new Merger(groups);
  }

  /** The position in one group's family list. */
  private static final class Cursor {
    final int group;
    final List<StoredFamily> families;
    int next;

    Cursor(int group, List<StoredFamily> families) {
      this.group = group;
      this.families = families;
    }

    MetricFamily family() {
      return families.get(next).family();
    }

    String name() {
      return family().name();
    }
  }

  private static final class Merger implements Iterator<MetricFamily> {
    private static final Comparator<Cursor> ORDER =
        Comparator.comparing(Cursor::name).thenComparingInt(c -> c.group);
    private static final Comparator<DataPoint> EXPOSITION = Comparator.comparing(DataPoint::labels);

    private final PriorityQueue<Cursor> queue;
    private MetricFamily pending;

    Merger(List<Group> groups) {
      queue = new PriorityQueue<>(Math.max(1, groups.size()), ORDER);
      for (int i = 0; i < groups.size(); i++) {
        List<StoredFamily> families = groups.get(i).families();
        if (!families.isEmpty()) {
          queue.add(new Cursor(i, families));
        }
      }
    }

    @Override
    public boolean hasNext() {
      while (pending == null && !queue.isEmpty()) {
        pending = mergeNextName();
      }
      return pending != null;
    }

    @Override
    public MetricFamily next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      MetricFamily family = pending;
      pending = null;
      return family;
    }

    /** The merged family of the smallest remaining name, or null when it has no points. */
    private MetricFamily mergeNextName() {
      MetricFamily first = queue.peek().family();
      String help = "";
      List<DataPoint> points = new ArrayList<>();
      while (!queue.isEmpty() && queue.peek().name().equals(first.name())) {
        Cursor cursor = queue.poll();
        MetricFamily family = cursor.family();
        if (help.isEmpty()) {
          help = family.help();
        }
        points.addAll(family.points());
        if (++cursor.next < cursor.families.size()) {
          queue.add(cursor);
        }
      }
      if (points.isEmpty()) {
        return null;
      }
      points.sort(EXPOSITION);
      return new MetricFamily(first.name(), first.type(), help, points);
    }
  }
}
