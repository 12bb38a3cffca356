package pgw.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable set of label pairs, sorted by name, each name at most once.
 *
 * <p>Sorted storage makes equality, hashing and every encoding of labels independent of the order
 * in which a client sent them, which the replicated store depends on.
 */
public final class Labels implements Comparable<Labels> {
  public static final Labels EMPTY = new Labels(new String[0]);

  /** Alternating name, value; names strictly ascending. */
  private final String[] pairs;

  private Labels(String[] pairs) {
    this.pairs = pairs;
  }

  /** Labels from alternating names and values; a later duplicate name overwrites an earlier one. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs");
    }
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(
          Objects.requireNonNull(namesAndValues[i]), Objects.requireNonNull(namesAndValues[i + 1]));
    }
    return of(map);
  }

  public static Labels of(Map<String, String> map) {
    TreeMap<String, String> sorted = new TreeMap<>(map);
    String[] pairs = new String[sorted.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      pairs[i++] = e.getKey();
      pairs[i++] = e.getValue();
    }
    return pairs.length == 0 ? EMPTY : new Labels(pairs);
  }

  public int size() {
    return pairs.length / 2;
  }

  public boolean isEmpty() {
    return pairs.length == 0;
  }

  public String name(int i) {
    return pairs[2 * i];
  }

  public String value(int i) {
    return pairs[2 * i + 1];
  }

  /** The value of {@code name}, or null when absent. */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? null : pairs[2 * i + 1];
  }

  public boolean contains(String name) {
    return indexOf(name) >= 0;
  }

  /** A copy with {@code name} set to {@code value}, replacing any earlier value. */
  public Labels with(String name, String value) {
    int i = indexOf(name);
    if (i >= 0) {
      if (pairs[2 * i + 1].equals(value)) {
        return this;
      }
      String[] copy = pairs.clone();
      copy[2 * i + 1] = value;
      return new Labels(copy);
    }
    int insert = -i - 1;
    String[] copy = new String[pairs.length + 2];
    System.arraycopy(pairs, 0, copy, 0, 2 * insert);
    copy[2 * insert] = name;
    copy[2 * insert + 1] = value;
    System.arraycopy(pairs, 2 * insert, copy, 2 * insert + 2, pairs.length - 2 * insert);
    return new Labels(copy);
  }

  /** A copy with every pair of {@code overrides} set, replacing values of the same name. */
  public Labels withAll(Labels overrides) {
    Labels result = this;
    for (int i = 0; i < overrides.size(); i++) {
      result = result.with(overrides.name(i), overrides.value(i));
    }
    return result;
  }

  public Map<String, String> asMap() {
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  public List<String> names() {
    List<String> names = new ArrayList<>(size());
    for (int i = 0; i < pairs.length; i += 2) {
      names.add(pairs[i]);
    }
    return names;
  }

  /** Binary search over the sorted names: the index, or {@code -(insertion point) - 1}. */
  private int indexOf(String name) {
    int lo = 0;
    int hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = pairs[2 * mid].compareTo(name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /**
   * Exposition order of series within a family (Pushgateway §9.1): fewer pairs first, then the
   * values position by position. Names break remaining ties so that the order is total.
   */
  @Override
  public int compareTo(Labels o) {
    if (size() != o.size()) {
      return Integer.compare(size(), o.size());
    }
    for (int i = 0; i < size(); i++) {
      int c = value(i).compareTo(o.value(i));
      if (c != 0) {
        return c;
      }
    }
    for (int i = 0; i < size(); i++) {
      int c = name(i).compareTo(o.name(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels other && Arrays.equals(pairs, other.pairs);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pairs);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(pairs[i]).append("=\"").append(pairs[i + 1]).append('"');
    }
    return sb.append('}').toString();
  }
}
