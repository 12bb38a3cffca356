package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import pgw.chaos.Cluster;
import pgw.chaos.Timeline;

/**
 * The deployment as users run it, with real parts: three node processes behind haproxy (a
 * Kubernetes Service: round-robin TCP over ready pods), a real Prometheus scraping through it every
 * second with honor_labels, pushers pushing an ever-increasing counter and a gauge through it, and
 * a nemesis killing and restarting nodes, the leader included. Prometheus' own record is then the
 * evidence: had a stale replica ever answered a scrape, the counter would go down in it.
 */
class PrometheusThroughServiceIT {
  private static final int PUSHERS = 2;

  /** Acknowledged pushes per pusher that each step of the nemesis waits for. */
  private static final int ACKS_PER_STEP = 15;

  /** Clients keep retrying a value until it is acknowledged; they never give up in this run. */
  private static final Duration CLIENT_RETRY = Duration.ofMinutes(2);

  /** Prometheus stamps a scrape when it starts; allow for its 2 ms timestamp alignment. */
  private static final long CLOCK_SLACK_MILLIS = 20;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @AfterEach
  void killEverything() {
    Processes.killAll();
  }

  @Test
  void prometheusNeverSeesACounterGoBackAndSeesEveryAcknowledgedPush() throws Exception {
    long started = System.currentTimeMillis();
    // The node's default request timeout (10 s), as deployed, not the chaos profile's 4 s.
    try (Cluster cluster =
            Cluster.builder()
                .dir(dir.resolve("cluster"))
                .requestTimeout(Duration.ofSeconds(10))
                .startAllReady();
        Haproxy service = Haproxy.start(dir.resolve("haproxy"), cluster.nodes());
        Prometheus prometheus = Prometheus.start(dir.resolve("prometheus"), service.address())) {
      List<Pusher> pushers = new ArrayList<>();
      for (int i = 0; i < PUSHERS; i++) {
        pushers.add(
            new Pusher("pusher-" + i, List.of(service.url()), CLIENT_RETRY, counterAndGauge(i))
                .start(Duration.ofMillis(50)));
      }
      // Kills and restarts nodes, the leader included. Every step waits for the clients to make
      // progress (the cluster works without the node) and again after the node is back and ready.
      try {
        Pusher.awaitProgress(pushers, ACKS_PER_STEP);
        recover(cluster, pushers, cluster.killLeader());
        int follower = cluster.others(cluster.leader()).get(0);
        cluster.kill(follower);
        recover(cluster, pushers, follower);
        // SIGTERM, as Kubernetes sends it on a rolling update or a drain.
        int leader = cluster.leader();
        cluster.terminate(leader);
        recover(cluster, pushers, leader);
        recover(cluster, pushers, cluster.killLeader());
      } finally {
        pushers.forEach(Pusher::close);
      }
      for (Pusher p : pushers) {
        assertEquals(List.of(), p.failures());
      }

      // Every pusher's final acknowledged value must reach Prometheus.
      Duration window = Duration.ofMillis(System.currentTimeMillis() - started).plusMinutes(5);
      for (int i = 0; i < PUSHERS; i++) {
        String selector = counter(i);
        long last = pushers.get(i).lastAcked();
        await(selector + " scraped at its last acknowledged value " + last)
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> lastValue(prometheus.series(selector, window)) == last);
      }

      List<String> report =
          new ArrayList<>(cluster.timeline().events().stream().map(Timeline.Event::what).toList());
      for (int i = 0; i < PUSHERS; i++) {
        Pusher pusher = pushers.get(i);
        List<Prometheus.Sample> counter = prometheus.series(counter(i), window);
        List<Prometheus.Sample> gauge = prometheus.series(gauge(i), window);
        assertFalse(counter.isEmpty());
        for (int k = 1; k < counter.size(); k++) {
          assertTrue(
              counter.get(k).value() >= counter.get(k - 1).value(),
              "counter of pusher "
                  + i
                  + " went down: "
                  + counter.get(k - 1)
                  + " -> "
                  + counter.get(k));
        }
        // A scrape that began after a push was acknowledged must contain it (or something later).
        for (Pusher.Ack ack : pusher.acks()) {
          for (Prometheus.Sample s : counter) {
            if (s.atMillis() > ack.atMillis() + CLOCK_SLACK_MILLIS) {
              assertTrue(
                  s.value() >= ack.value(),
                  "scrape at " + s.atMillis() + " missed push " + ack + " acknowledged before it");
            }
          }
        }
        // One push carries both, so every scrape shows them equal.
        assertEquals(counter, gauge, "counter and gauge of pusher " + i + " scraped apart");
        assertEquals(pusher.lastAcked(), lastValue(counter));
        report.add(
            pusher.name()
                + ": "
                + pusher.ackCount()
                + " pushes acknowledged ("
                + pusher.retries()
                + " retries), "
                + counter.size()
                + " scraped samples, last "
                + (long) lastValue(counter));
      }

      List<Prometheus.Sample> up = prometheus.series("up{job=\"pushgateway\"}", window);
      long ok = up.stream().filter(s -> s.value() == 1).count();
      long longestGap = 0;
      long previousOk = -1;
      for (Prometheus.Sample s : up) {
        if (s.value() == 1) {
          if (previousOk >= 0) {
            longestGap = Math.max(longestGap, s.atMillis() - previousOk);
          }
          previousOk = s.atMillis();
        }
      }
      report.add(
          "scrapes: %d of %d succeeded (%.1f%%), longest gap between successful scrapes %d ms"
              .formatted(ok, up.size(), 100.0 * ok / up.size(), longestGap));
      String text = String.join("\n", report);
      System.out.println("end-to-end through haproxy and Prometheus:\n" + text);
      Files.writeString(Path.of("target", "e2e-report.txt"), text + "\n");
      assertTrue(ok > 0, "Prometheus never scraped successfully");
    }
  }

  private static void recover(Cluster cluster, List<Pusher> pushers, int node) {
    Pusher.awaitProgress(pushers, ACKS_PER_STEP);
    cluster.restart(node);
    cluster.awaitReady(node);
    Pusher.awaitProgress(pushers, ACKS_PER_STEP);
  }

  private static Pusher.Target counterAndGauge(int pusher) {
    String path = "/metrics/job/e2e/pusher/" + pusher;
    return new Pusher.Target(
        v -> path,
        v ->
            """
            # TYPE e2e_pushes_total counter
            e2e_pushes_total %d
            # TYPE e2e_last_push gauge
            e2e_last_push %d
            """
                .formatted(v, v));
  }

  private static String counter(int pusher) {
    return "e2e_pushes_total{job=\"e2e\",pusher=\"" + pusher + "\"}";
  }

  private static String gauge(int pusher) {
    return "e2e_last_push{job=\"e2e\",pusher=\"" + pusher + "\"}";
  }

  private static double lastValue(List<Prometheus.Sample> samples) {
    return samples.isEmpty() ? -1 : samples.get(samples.size() - 1).value();
  }
}
