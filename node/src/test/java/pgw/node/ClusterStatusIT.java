package pgw.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator reads: health, readiness and every node's view of the Raft group. */
class ClusterStatusIT {
  private static final Pattern LEADER = Pattern.compile("\"leaderId\":\"(n\\d)\"");

  @TempDir Path dir;
  InProcessCluster cluster;

  @AfterEach
  void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyNodeIsReadyAndReportsTheSameLeaderAndPeers() throws IOException {
    cluster = new InProcessCluster(dir, 3, 10_000, 8 << 20);
    int leader = cluster.leader();
    for (int i : cluster.running()) {
      int node = i;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> cluster.http(node).get("/-/ready").status() == 200);
      assertEquals(200, cluster.http(i).get("/-/healthy").status());
    }
    assertEquals(200, cluster.http(leader).put("/metrics/job/j", "x 1\n").status());

    for (int i : cluster.running()) {
      int node = i;
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                String json = cluster.http(node).get("/api/v1/cluster").body();
                Matcher m = LEADER.matcher(json);
                assertTrue(m.find(), json);
                assertEquals("n" + leader, m.group(1), json);
                assertTrue(json.contains("\"id\":\"n" + node + "\""), json);
                assertTrue(json.contains(node == leader ? "\"LEADER\"" : "\"FOLLOWER\""), json);
                assertTrue(json.matches(".*\"appliedIndex\":[1-9].*"), json);
                for (int p = 0; p < 3; p++) {
                  assertTrue(
                      json.contains("{\"id\":\"n" + p + "\",\"address\":\"127.0.0.1:"), json);
                }
              });
    }
  }

  @Test
  void aNodeWhoseRaftServerStoppedIsUnhealthy() throws IOException {
    cluster = new InProcessCluster(dir, 3, 10_000, 8 << 20);
    int follower = cluster.follower();
    assertEquals(200, cluster.http(follower).get("/-/healthy").status());
    cluster.node(follower).raft().close();
    // Liveness fails, so that Kubernetes restarts a node that will not rejoin by itself.
    var healthy = cluster.http(follower).get("/-/healthy");
    assertEquals(503, healthy.status(), healthy.body());
    assertTrue(healthy.body().contains("Raft server has stopped"), healthy.body());
    assertTrue(cluster.http(follower).get("/api/v1/cluster").body().contains("\"STOPPED\""));
  }
}
