package pgw.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots: a restart recovers from one, and a wiped follower is brought back by installing one.
 */
class SnapshotIT {
  private static final long SNAPSHOT_INTERVAL = 20;
  private static final long SEGMENT_SIZE = 4 * 1024;

  @TempDir Path dir;
  InProcessCluster cluster;

  @AfterEach
  void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aRestartedNodeRecoversFromItsSnapshotAndLogTail() throws IOException {
    cluster = new InProcessCluster(dir, 3, SNAPSHOT_INTERVAL, SEGMENT_SIZE);
    pushMany(0, 60);
    int follower = cluster.follower();
    await().until(() -> cluster.node(follower).raft().status().snapshotIndex() > 0);
    String before = cluster.http(follower).metrics();

    cluster.stop(follower);
    cluster.start(follower);

    assertTrue(cluster.node(follower).raft().status().snapshotIndex() > 0, "loaded a snapshot");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertEquals(before, localMetrics(follower)));
  }

  @Test
  void aWipedFollowerRejoinsBySnapshotInstallation() throws IOException {
    cluster = new InProcessCluster(dir, 3, SNAPSHOT_INTERVAL, SEGMENT_SIZE);
    int follower = cluster.follower();
    cluster.stop(follower);
    cluster.wipe(follower);

    pushMany(cluster.leader(), 120);
    int leader = cluster.leader();
    // The leader's log no longer starts at the beginning: replaying it cannot rebuild the state.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cluster.node(leader).raft().status().logStartIndex() > 0);

    String expected = cluster.http(leader).metrics();
    cluster.start(follower);

    // Ready means caught up: the moment the rebuilt follower says so, it holds every push.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> cluster.http(follower).get("/-/ready").status() == 200);
    assertEquals(expected, localMetrics(follower));
    assertTrue(cluster.node(follower).raft().status().snapshotIndex() > 0, "installed a snapshot");
    assertEquals(200, cluster.http(follower).put("/metrics/job/after", "x 1\n").status());
  }

  /** This node's own applied state, without a read barrier: shows what it holds by itself. */
  private String localMetrics(int i) {
    var out = new java.io.ByteArrayOutputStream();
    try {
      pgw.api.format.TextWriter.write(cluster.node(i).raft().stateMachine().view().families(), out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private void pushMany(int node, int count) {
    for (int i = 0; i < count; i++) {
      var answer =
          cluster.http(node).put("/metrics/job/batch/shard/" + (i % 7), "progress " + i + "\n");
      assertEquals(200, answer.status(), answer.body());
    }
  }
}
