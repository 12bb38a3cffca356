package pgw.api.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lookups in a group's family list, which is kept sorted by name. */
final class GroupFamilies {
  static final Comparator<StoredFamily> BY_NAME = Comparator.comparing(f -> f.family().name());

  private GroupFamilies() {}

  /** The family of {@code name} in {@code group}, or null; a binary search. */
  static StoredFamily find(Group group, String name) {
    List<StoredFamily> families = group.families();
    int lo = 0;
    int hi = families.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = families.get(mid).family().name().compareTo(name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return families.get(mid);
      }
    }
    return null;
  }

  /**
   * {@code group} with its families sorted by name.
   *
   * @throws IllegalArgumentException if two families share a name
   */
  static Group sorted(Group group) {
    List<StoredFamily> families = new ArrayList<>(group.families());
    families.sort(BY_NAME);
    for (int i = 1; i < families.size(); i++) {
      String name = families.get(i).family().name();
      if (name.equals(families.get(i - 1).family().name())) {
        throw new IllegalArgumentException("group " + group.key() + " holds " + name + " twice");
      }
    }
    return new Group(group.key(), families);
  }
}
