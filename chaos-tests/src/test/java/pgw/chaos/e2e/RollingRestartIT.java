package pgw.chaos.e2e;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import pgw.chaos.Cluster;
import pgw.chaos.NodeHttp;
import pgw.chaos.NodeProcess;

/**
 * A rolling restart as Kubernetes does it during an upgrade: one node at a time gets SIGTERM, must
 * exit cleanly within the grace period, and comes back on its own data before the next one goes.
 * Meanwhile clients push through "the Service" (any node, retrying for a few seconds).
 */
class RollingRestartIT {
  /** How long a client keeps retrying one push: "a few seconds". */
  private static final Duration CLIENT_RETRY = Duration.ofSeconds(10);

  private static final int ACKS_PER_STEP = 20;
  private static final Pattern SAMPLE =
      Pattern.compile("^rolling_seq\\{([^}]*)} ", Pattern.MULTILINE);
  private static final Pattern PUSHER = Pattern.compile("pusher=\"(\\d+)\"");
  private static final Pattern SEQ = Pattern.compile("seq=\"(\\d+)\"");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aRollingRestartLosesNoAcknowledgedPushAndFailsNoneThatIsRetried() throws IOException {
    // The node's default request timeout (10 s), as deployed, not the chaos profile's 4 s.
    try (Cluster cluster =
        Cluster.builder().dir(dir).requestTimeout(Duration.ofSeconds(10)).startAllReady()) {
      List<String> urls = cluster.nodes().stream().map(NodeProcess::url).toList();
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
        Pusher.awaitProgress(pushers, ACKS_PER_STEP);
        // The leader first, so that the hand-over of leadership is always part of the run.
        int leader = cluster.leader();
        List<Integer> order = new ArrayList<>(List.of(leader));
        order.addAll(cluster.others(leader));
        for (int i : order) {
          NodeProcess node = cluster.node(i);
          boolean wasLeader = cluster.leader() == i;
          long t0 = System.nanoTime();
          // After NodeProcess.GRACE_SECONDS (the StatefulSet's terminationGracePeriodSeconds) the
          // harness
          // sends SIGKILL, and the exit code is no longer 143.
          int exit = cluster.terminate(i);
          long stopMillis = (System.nanoTime() - t0) / 1_000_000;
          assertEquals(143, exit, node.id() + " exit code after SIGTERM (143: clean JVM exit)");
          String log = Files.readString(node.log());
          assertFalse(log.contains("unclean shutdown"), node.id() + " log:\n" + log);
          NodeProcess newLeader = cluster.node(cluster.leader());
          report.add(
              node.id()
                  + (wasLeader ? " (leader)" : "")
                  + " stopped in "
                  + stopMillis
                  + " ms; leader now "
                  + newLeader.id());
          Pusher.awaitProgress(pushers, ACKS_PER_STEP);
          cluster.restart(i);
          cluster.awaitReady(i);
          Pusher.awaitProgress(pushers, ACKS_PER_STEP);
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
        NodeHttp.Reply scrape = cluster.http().send(node.httpPort(), "GET", "/metrics", null);
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
