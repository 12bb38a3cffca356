package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import pgw.chaos.Cluster;
import pgw.chaos.NodeHttp;
import pgw.chaos.NodeHttp.NodeStatus;

/**
 * deploy/README.md's procedure after losing one node's volume: the node comes back with an empty
 * data directory under the same id and catches up from the others (a snapshot, then the log).
 */
class VolumeLossIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aNodeThatLostItsVolumeCatchesUpWithEveryAcknowledgedPush() throws IOException {
    // Snapshots every 20 writes, so that the log the lost node needs is partly purged.
    // The node's default request timeout (10 s), as deployed, not the chaos profile's 4 s.
    try (Cluster cluster =
        Cluster.builder()
            .dir(dir)
            .snapshotInterval(20)
            .requestTimeout(Duration.ofSeconds(10))
            .startAllReady()) {
      int lost = cluster.others(cluster.leader()).get(0);
      int other = cluster.others(lost).get(0);
      for (int i = 0; i < 30; i++) {
        push(cluster, other, "before", i);
      }
      cluster.kill(lost);
      cluster.wipe(lost);
      for (int i = 0; i < 60; i++) {
        push(cluster, other, "during", i);
      }
      cluster.restart(lost);
      await(cluster.node(lost).id() + " follows a leader")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> cluster.status(lost).map(NodeStatus::leaderId).isPresent());
      // Whether this leader can bring the empty node up to date depends on how far it purged its
      // log (it believes the node still holds what it had acknowledged, and Ratis never resends
      // entries below that, but it does install a snapshot when they are purged). Either way,
      // ready must mean caught up: a ready node serves every push acknowledged before.
      if (cluster.ready(lost)) {
        assertPushesVisible(cluster, lost, Map.of("before", 30, "during", 60));
      }
      // The README's second step: a new leader starts without that belief and brings the empty
      // node up to date.
      int leader = cluster.leader();
      assertEquals(143, cluster.terminate(leader));
      cluster.restart(leader);
      cluster.awaitReady(leader);
      cluster.awaitReady(lost);
      for (int i = 0; i < 10; i++) {
        push(cluster, lost, "after", i);
      }
      Map<String, Integer> expected = Map.of("before", 30, "during", 60, "after", 10);
      await("every acknowledged push on the node that lost its volume")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertPushesVisible(cluster, lost, expected));
    }
  }

  private static void assertPushesVisible(
      Cluster cluster, int node, Map<String, Integer> pushesPerPhase) {
    NodeHttp.Reply scrape =
        cluster.http().send(cluster.node(node).httpPort(), "GET", "/metrics", null);
    assertEquals(200, scrape.status(), scrape.body());
    pushesPerPhase.forEach(
        (phase, n) ->
            assertEquals(
                n.longValue(),
                scrape
                    .body()
                    .lines()
                    .filter(l -> l.startsWith("volume_loss_" + phase + "{"))
                    .count(),
                phase + " pushes"));
  }

  private static void push(Cluster cluster, int node, String phase, int i) {
    String path = "/metrics/job/volume/phase/" + phase + "/i/" + i;
    String body = "volume_loss_" + phase + " " + i + "\n";
    int port = cluster.node(node).httpPort();
    await("push acknowledged")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> cluster.http().send(port, "PUT", path, body).status() == 200);
  }
}
