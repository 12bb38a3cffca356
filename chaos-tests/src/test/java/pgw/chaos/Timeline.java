package pgw.chaos;

import java.util.ArrayList;
import java.util.List;

/** Faults and repairs in the order they happened, on the same clock as the workload's history. */
public final class Timeline {
  private static final long ORIGIN = System.nanoTime();
  private final List<Event> events = new ArrayList<>();

  /** Nanoseconds since this class was loaded: the one clock of histories and timelines. */
  public static long now() {
    return System.nanoTime() - ORIGIN;
  }

  /** One thing done to the cluster, at {@link #now()}. */
  public record Event(long nanos, String what) {}

  public synchronized void record(String what) {
    events.add(new Event(now(), what));
  }

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }
}
