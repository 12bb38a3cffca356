package pgw.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed-loop push load: {@code clients} virtual threads, each POSTing a 10-series body to its
 * own group as fast as answers come, to the given nodes in turn (as a Service would spread them).
 */
final class PushLoad {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * {@code longestPauseNanos}: the longest time in which no client got a push acknowledged, the
   * stall that a pause of the whole cluster (a snapshot, a GC) would show as.
   */
  record Result(
      long ok, long failed, double seconds, long[] latenciesNanos, long longestPauseNanos) {
    double perSecond() {
      return ok / seconds;
    }

    double percentileMillis(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
      return latenciesNanos[Math.max(0, i)] / 1e6;
    }
  }

  private PushLoad() {}

  static String body(int series, double value) {
    StringBuilder sb = new StringBuilder("# TYPE bench_load gauge\n");
    for (int i = 0; i < series; i++) {
      sb.append("bench_load{series=\"").append(i).append("\"} ").append(value).append('\n');
    }
    return sb.toString();
  }

  static Result run(List<String> nodes, int clients, Duration duration)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<long[]> perClient = new ArrayList<>();
    List<long[]> ackTimes = new ArrayList<>();
    long[] counts = new long[clients * 2];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      long[] latencies = new long[1 << 18];
      long[] acks = new long[latencies.length];
      perClient.add(latencies);
      ackTimes.add(acks);
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int n = 0;
                    for (long i = 0; !stop.get(); i++) {
                      String node = nodes.get((int) ((client + i) % nodes.size()));
                      long start = System.nanoTime();
                      boolean ok = post(node + "/metrics/job/bench/client/" + client, body(10, i));
                      if (ok && n < latencies.length - 1) {
                        long now = System.nanoTime();
                        acks[n] = now;
                        latencies[n++] = now - start;
                      }
                      counts[client * 2 + (ok ? 0 : 1)]++;
                    }
                    latencies[latencies.length - 1] = n;
                  }));
    }
    long begin = System.nanoTime();
    Thread.sleep(duration);
    stop.set(true);
    long end = System.nanoTime();
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    long ok = 0;
    long failed = 0;
    List<Long> all = new ArrayList<>();
    List<Long> acked = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      ok += counts[c * 2];
      failed += counts[c * 2 + 1];
      long[] l = perClient.get(c);
      for (int i = 0; i < l[l.length - 1]; i++) {
        all.add(l[i]);
        acked.add(ackTimes.get(c)[i]);
      }
    }
    long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Result(ok, failed, seconds, sorted, longestPause(acked, begin, end));
  }

  private static long longestPause(List<Long> ackTimes, long begin, long end) {
    long[] t =
        ackTimes.stream().mapToLong(Long::longValue).filter(x -> x <= end).sorted().toArray();
    long longest = 0;
    long previous = begin;
    for (long ack : t) {
      longest = Math.max(longest, ack - previous);
      previous = ack;
    }
    return Math.max(longest, end - previous);
  }

  static boolean post(String url, String body) {
    return send("POST", url, body) / 100 == 2;
  }

  static int send(String method, String url, String body) {
    try {
      var request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(120))
              .method(method, HttpRequest.BodyPublishers.ofString(body))
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
