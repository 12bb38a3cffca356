package pgw.api.store;

import java.util.List;
import pgw.api.MetricFamily;

/**
 * The store's groups at one moment: a root of the persistent group tree, which the store replaces
 * on write but never changes. Taking it costs O(1); the group list is built by the first reader
 * that asks for it, off the writer's path.
 *
 * <p>Two views are equal when they hold equal groups, which is how tests compare stores.
 */
final class GroupTreeView implements StoreView {
  private final GroupTree tree;

  /** Built once on demand; a race builds two equal lists, which is harmless. */
  private volatile List<Group> groups;

  GroupTreeView(GroupTree tree) {
    this.tree = tree;
  }

  @Override
  public List<Group> groups() {
    List<Group> list = groups;
    if (list == null) {
      list = tree.toList();
      groups = list;
    }
    return list;
  }

  @Override
  public Iterable<MetricFamily> families() {
    return new ExpositionMerge(groups());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupTreeView other && groups().equals(other.groups());
  }

  @Override
  public int hashCode() {
    return groups().hashCode();
  }

  @Override
  public String toString() {
    return "StoreView" + groups();
  }
}
