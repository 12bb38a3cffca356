package pgw.api;

import java.util.Objects;

/**
 * The identity of a group: {@code job} plus the other labels of the push URL (Pushgateway §3.1).
 *
 * <p>Ordering is canonical (label names, then values, pair by pair) so that every replica iterates
 * groups the same way; it decides, for example, which group's HELP text wins at exposition.
 */
public record GroupingKey(Labels labels) implements Comparable<GroupingKey> {
  public static final String JOB = "job";

  public GroupingKey {
    Objects.requireNonNull(labels);
    String job = labels.get(JOB);
    if (job == null || job.isEmpty()) {
      throw new IllegalArgumentException("job name is required");
    }
  }

  /** A key for {@code job} and alternating further label names and values. */
  public static GroupingKey of(String job, String... namesAndValues) {
    return new GroupingKey(Labels.of(namesAndValues).with(JOB, job));
  }

  public String job() {
    return labels.get(JOB);
  }

  @Override
  public int compareTo(GroupingKey o) {
    Labels a = labels;
    Labels b = o.labels;
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = a.name(i).compareTo(b.name(i));
      if (c != 0) {
        return c;
      }
      c = a.value(i).compareTo(b.value(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public String toString() {
    return labels.toString();
  }
}
