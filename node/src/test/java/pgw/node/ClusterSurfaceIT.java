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

/**
 * The surface on a three-node cluster: the JSON API is the same on every replica, while each node's
 * own metrics describe that node (decision D4).
 */
class ClusterSurfaceIT {
  private static final Pattern LEADER_ROLE =
      Pattern.compile("^pgw_raft_role\\{role=\"LEADER\"} (\\S+)$", Pattern.MULTILINE);

  @TempDir Path dir;
  InProcessCluster cluster;

  @AfterEach
  void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void jsonIsIdenticalOnEveryReplicaAndOwnMetricsArePerNode() throws IOException {
    cluster = new InProcessCluster(dir, 3, 10_000, 8 << 20);
    int follower = cluster.follower();
    var pushed =
        cluster
            .http(follower)
            .put("/metrics/job/json/instance/f", "# TYPE jc counter\njc 3\n# HELP jg g\njg 1\n");
    assertEquals(200, pushed.status(), pushed.body());

    String expected = cluster.http(follower).get("/api/v1/metrics").body();
    assertTrue(expected.contains("\"jc\":{\"time_stamp\":"), expected);
    for (int i = 0; i < 3; i++) {
      assertEquals(expected, cluster.http(i).get("/api/v1/metrics").body(), "node " + i);
    }

    int leader = cluster.leader();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (int i = 0; i < 3; i++) {
                String own = cluster.http(i).get("/-/metrics").body();
                Matcher m = LEADER_ROLE.matcher(own);
                assertTrue(m.find(), own);
                assertEquals(i == leader ? 1.0 : 0.0, Double.parseDouble(m.group(1)), "node " + i);
                assertTrue(own.contains("pushgateway_http_requests_total"), own);
              }
            });
  }
}
