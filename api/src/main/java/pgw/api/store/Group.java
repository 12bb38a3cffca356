package pgw.api.store;

import java.util.List;
import pgw.api.GroupingKey;

/**
 * One group of the store: its grouping key and its families sorted by name, including the gateway's
 * own {@code push_time_seconds} and {@code push_failure_time_seconds}. Immutable.
 */
public record Group(GroupingKey key, List<StoredFamily> families) {
  public Group {
    families = List.copyOf(families);
  }
}
