package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart as Kubernetes does it during an upgrade: one node at a time gets SIGTERM, must
 * exit cleanly within the grace period, and comes back on its own data before the next one goes.
 * Meanwhile clients push through "the Service" (any node, retrying for a few seconds).
 */
class RollingRestartIT {
  /** The StatefulSet's terminationGracePeriodSeconds. */
  private static final Duration GRACE = Duration.ofSeconds(60);

  /** How long a client keeps retrying one push: "a few seconds". */
  private static final Duration CLIENT_RETRY = Duration.ofSeconds(10);

  private static final int ACKS_PER_STEP = 20;
  private static final Pattern SAMPLE =
      Pattern.compile("^rolling_seq\\{([^}]*)} ", Pattern.MULTILINE);
  private static final Pattern PUSHER = Pattern.compile("pusher=\"(\\d+)\"");
  private static final Pattern SEQ = Pattern.compile("seq=\"(\\d+)\"");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @AfterEach
  void killEverything() {
    Processes.killAll();
  }

  @Test
  void aRollingRestartLosesNoAcknowledgedPushAndFailsNoneThatIsRetried() throws IOException {
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      List<String> urls = cluster.nodes().stream().map(n -> n.url("")).toList();
      List<Pusher> pushers = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        String path = "/metrics/job/rolling/pusher/" + p + "/seq/";
        pushers.add(
            new Pusher(
                    "pusher-" + p,
                    urls,
                    CLIENT_RETRY,
                    new Pusher.Target(v -> path + v, v -> "rolling_seq " + v + "\n"))
                .start(Duration.ofMillis(20)));
      }
      List<String> report = new ArrayList<>();
      try {
        awaitProgress(pushers);
        // The leader first, so that the hand-over of leadership is always part of the run.
        NodeProcess leader = cluster.awaitLeader();
        List<NodeProcess> order = new ArrayList<>(List.of(leader));
        order.addAll(cluster.followers(leader));
        for (NodeProcess node : order) {
          boolean wasLeader = cluster.awaitLeader() == node;
          long t0 = System.nanoTime();
          int exit = node.terminate(GRACE);
          long stopMillis = (System.nanoTime() - t0) / 1_000_000;
          assertEquals(143, exit, node.id() + " exit code after SIGTERM (143: clean JVM exit)");
          String log = Files.readString(node.log());
          assertFalse(log.contains("unclean shutdown"), node.id() + " log:\n" + log);
          NodeProcess newLeader = cluster.awaitLeader();
          report.add(
              node.id()
                  + (wasLeader ? " (leader)" : "")
                  + " stopped in "
                  + stopMillis
                  + " ms; leader now "
                  + newLeader.id());
          awaitProgress(pushers);
          node.start();
          cluster.awaitReady(node);
          awaitProgress(pushers);
        }
      } finally {
        pushers.forEach(Pusher::close);
      }
      for (Pusher p : pushers) {
        report.add(p.name() + ": " + p.ackCount() + " acknowledged, " + p.retries() + " retries");
      }
      System.out.println("rolling restart: " + String.join("; ", report));

      for (Pusher p : pushers) {
        assertEquals(List.of(), p.failures(), "pushes not acknowledged within " + CLIENT_RETRY);
      }
      for (NodeProcess node : cluster.nodes()) {
        Http.Answer scrape = Http.get(node.url("/metrics"));
        assertEquals(200, scrape.status(), node.id() + ": " + scrape.body());
        Set<String> scraped = groups(scrape.body());
        for (int p = 0; p < pushers.size(); p++) {
          for (Pusher.Ack ack : pushers.get(p).acks()) {
            assertTrue(
                scraped.contains(p + "/" + ack.value()),
                node.id() + " lost acknowledged push " + p + "/" + ack.value());
          }
        }
      }
    }
  }

  /** Waits until every pusher has had {@value #ACKS_PER_STEP} more pushes acknowledged. */
  private static void awaitProgress(List<Pusher> pushers) {
    List<Long> start = pushers.stream().map(Pusher::ackCount).toList();
    await("every pusher acknowledged " + ACKS_PER_STEP + " more pushes")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (int i = 0; i < pushers.size(); i++) {
                if (pushers.get(i).ackCount() < start.get(i) + ACKS_PER_STEP) {
                  return false;
                }
              }
              return true;
            });
  }

  private static Set<String> groups(String exposition) {
    Set<String> groups = new HashSet<>();
    Matcher m = SAMPLE.matcher(exposition);
    while (m.find()) {
      Matcher p = PUSHER.matcher(m.group(1));
      Matcher s = SEQ.matcher(m.group(1));
      if (p.find() && s.find()) {
        groups.add(p.group(1) + "/" + s.group(1));
      }
    }
    return groups;
  }
}
