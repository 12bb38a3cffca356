package pgw.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Fills a gateway with {@code groups × seriesPerGroup} series, a few groups at a time. */
final class Preload {
  private Preload() {}

  static void fill(String url, int groups, int seriesPerGroup) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int g = next.getAndIncrement(); g < groups; g = next.getAndIncrement()) {
                      String body = body(g, seriesPerGroup);
                      if (!put(url + "/metrics/job/preload/group/" + g, body)) {
                        failures.incrementAndGet();
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures + " preload pushes to " + url + " failed");
    }
  }

  /** A PUT replaces the whole group, so repeating it after a 503 or 504 is safe. */
  private static boolean put(String url, String body) {
    for (int attempt = 0; attempt < 5; attempt++) {
      int status = PushLoad.send("PUT", url, body);
      if (status == 200) {
        return true;
      }
      if (status != 503 && status != 504 && status != 0) {
        System.err.println("bench: preload " + url + " answered " + status);
        return false;
      }
    }
    return false;
  }

  private static String body(int group, int series) {
    StringBuilder sb = new StringBuilder(series * 40).append("# TYPE bench_stored gauge\n");
    for (int i = 0; i < series; i++) {
      sb.append("bench_stored{series=\"").append(i).append("\"} ").append(group + i).append('\n');
    }
    return sb.toString();
  }
}
