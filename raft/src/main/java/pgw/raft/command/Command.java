package pgw.raft.command;

import java.util.List;
import java.util.Objects;
import pgw.api.GroupingKey;
import pgw.api.MetricFamily;
import pgw.api.PushMode;

/**
 * A replicated write. Each carries the time it was stamped with on the proposing node, so that
 * applying it never reads a clock and every replica computes the same state.
 */
public sealed interface Command {

  /** Epoch nanoseconds at which the receiving node accepted the request. */
  long timeNanos();

  record Push(GroupingKey key, PushMode mode, List<MetricFamily> families, long timeNanos)
      implements Command {
    public Push {
      Objects.requireNonNull(key);
      Objects.requireNonNull(mode);
      families = List.copyOf(families);
    }
  }

  record Delete(GroupingKey key, long timeNanos) implements Command {
    public Delete {
      Objects.requireNonNull(key);
    }
  }

  record Wipe(long timeNanos) implements Command {}
}
