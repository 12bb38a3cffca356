package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/README.md's procedure after losing one node's volume: the node comes back with an empty
 * data directory under the same id and catches up from the others (a snapshot, then the log).
 */
class VolumeLossIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @AfterEach
  void killEverything() {
    Processes.killAll();
  }

  @Test
  void aNodeThatLostItsVolumeCatchesUpWithEveryAcknowledgedPush() throws IOException {
    // Snapshots every 20 writes, so that the log the lost node needs is partly purged.
    try (LocalCluster cluster =
        LocalCluster.start(dir, 3, List.of("--raft.snapshot-interval=20"))) {
      NodeProcess lost = cluster.followers(cluster.awaitLeader()).get(0);
      NodeProcess other = cluster.nodes().stream().filter(n -> n != lost).findFirst().orElseThrow();
      for (int i = 0; i < 30; i++) {
        push(other, "before", i);
      }
      lost.kill();
      deleteRecursively(lost.dataDir());
      for (int i = 0; i < 60; i++) {
        push(other, "during", i);
      }
      lost.start();
      await(lost.id() + " follows a leader")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lost.leaderId().isPresent());
      // Whether this leader can bring the empty node up to date depends on how far it purged its
      // log (it believes the node still holds what it had acknowledged, and Ratis never resends
      // entries below that, but it does install a snapshot when they are purged). Either way,
      // ready must mean caught up: a ready node serves every push acknowledged before.
      if (Http.get(lost.url("/-/ready")).status() == 200) {
        assertPushesVisible(lost, Map.of("before", 30, "during", 60));
      }
      // The README's second step: a new leader starts without that belief and brings the empty
      // node up to date.
      NodeProcess leader = cluster.awaitLeader();
      assertEquals(143, leader.terminate(Duration.ofSeconds(60)));
      leader.start();
      cluster.awaitReady(leader);
      cluster.awaitReady(lost);
      for (int i = 0; i < 10; i++) {
        push(lost, "after", i);
      }
      Map<String, Integer> expected = Map.of("before", 30, "during", 60, "after", 10);
      await("every acknowledged push on the node that lost its volume")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertPushesVisible(lost, expected));
    }
  }

  private static void assertPushesVisible(NodeProcess node, Map<String, Integer> pushesPerPhase) {
    Http.Answer scrape = Http.get(node.url("/metrics"));
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

  private static void push(NodeProcess node, String phase, int i) {
    String url = node.url("/metrics/job/volume/phase/" + phase + "/i/" + i);
    await("push acknowledged")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Http.put(url, "volume_loss_" + phase + " " + i + "\n").status() == 200);
  }

  private static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
