package pgw.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A three-node cluster in this JVM: pushes on any node, scrapes on every node, leader loss. */
class ReplicationIT {
  @TempDir Path dir;
  InProcessCluster cluster;

  @AfterEach
  void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aPushToAFollowerIsScrapedIdenticallyFromEveryNode() throws IOException {
    cluster = new InProcessCluster(dir, 3, 10_000, 8 << 20);
    int follower = cluster.follower();

    var answer =
        cluster.http(follower).put("/metrics/job/some_job/instance/a", "some_metric 3.14\n");

    assertEquals(200, answer.status(), answer.body());
    String expected = cluster.http(follower).metrics();
    assertTrue(expected.contains("some_metric{instance=\"a\",job=\"some_job\"} 3.14\n"), expected);
    for (int i = 0; i < 3; i++) {
      assertEquals(expected, cluster.http(i).metrics(), "node " + i);
    }
  }

  @Test
  void everyNodeReadsEveryAcknowledgedWrite() throws IOException {
    cluster = new InProcessCluster(dir, 3, 10_000, 8 << 20);
    cluster.leader();
    for (int i = 0; i < 30; i++) {
      var pushed = cluster.http(i % 3).put("/metrics/job/raw", "counter_value " + i + "\n");
      assertEquals(200, pushed.status(), pushed.body());
      // Read-after-write on another node: linearizable scrapes never miss an acknowledged push.
      String scraped = cluster.http((i + 1) % 3).metrics();
      assertTrue(scraped.contains("counter_value{instance=\"\",job=\"raw\"} " + i + "\n"), scraped);
    }
  }

  @Test
  void whenTheLeaderStopsANewOneTakesOverAndNoAcknowledgedPushIsLost() throws IOException {
    cluster = new InProcessCluster(dir, 3, 10_000, 8 << 20);
    List<String> acknowledged = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      push(i % 3, "before" + i, acknowledged);
    }

    int oldLeader = cluster.leader();
    cluster.stop(oldLeader);
    int newLeader = cluster.leader();

    assertTrue(newLeader != oldLeader);
    for (int i : cluster.running()) {
      push(i, "after" + i, acknowledged);
    }
    for (int i : cluster.running()) {
      String scraped = cluster.http(i).metrics();
      for (String group : acknowledged) {
        assertTrue(scraped.contains("job=\"" + group + "\"} 1\n"), group + " missing on node " + i);
      }
    }
  }

  @Test
  void withoutAQuorumScrapesAndPushesAnswerHonestly() throws IOException {
    cluster = new InProcessCluster(dir, 3, 10_000, 8 << 20);
    int survivor = cluster.follower();
    for (int i : cluster.running()) {
      if (i != survivor) {
        cluster.stop(i);
      }
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cluster.http(survivor).get("/metrics").status() == 503);
    int pushStatus = cluster.http(survivor).put("/metrics/job/lonely", "x 1\n").status();
    assertTrue(pushStatus == 503 || pushStatus == 504, "push answered " + pushStatus);
    assertEquals(200, cluster.http(survivor).get("/-/healthy").status());
    assertEquals(503, cluster.http(survivor).get("/-/ready").status());
  }

  @Test
  void aWriteTheLeaderCannotCommitAnswers504AndMayApplyLater() throws IOException {
    // Slow elections keep the leader in office, without its followers, beyond the 3 s deadline.
    cluster = new InProcessCluster(dir, 3, 10_000, 8 << 20, Duration.ofSeconds(6));
    int leader = cluster.leader();
    List<Integer> followers = cluster.running().stream().filter(i -> i != leader).toList();
    for (int i : followers) {
      cluster.stop(i);
    }

    // The leader appends the write but has no majority to commit it before the deadline.
    var answer = cluster.http(leader).put("/metrics/job/limbo", "x 1\n");
    assertEquals(504, answer.status(), answer.body());
    assertTrue(answer.body().contains("may or may not have been applied"), answer.body());

    for (int i : followers) {
      cluster.start(i);
    }
    cluster.leader();
    for (int i : cluster.running()) {
      int node = i;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> cluster.http(node).get("/metrics").status() == 200);
    }
  }

  private void push(int node, String group, List<String> acknowledged) {
    var answer = cluster.http(node).put("/metrics/job/" + group, "pushed 1\n");
    assertEquals(200, answer.status(), answer.body());
    acknowledged.add(group);
  }
}
