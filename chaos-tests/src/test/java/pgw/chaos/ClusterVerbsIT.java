package pgw.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pgw.chaos.NodeHttp.NodeStatus;
import pgw.chaos.NodeHttp.Outcome;

/** Each harness verb does what it says, seen from the nodes' own HTTP answers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterVerbsIT {
  private static final Duration LONG = Duration.ofSeconds(120);
  private final AtomicLong values = new AtomicLong(1000);
  private Cluster cluster;

  @BeforeAll
  void start() throws Exception {
    cluster =
        Cluster.builder()
            .dir(Scenario.dir("verbs", 0))
            .snapshotInterval(20)
            .flag("raft.log-segment-size", "8192")
            .start();
  }

  @AfterEach
  void heal() {
    cluster.healEverything();
    cluster.awaitConverged(LONG);
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aPushToOneNodeIsScrapedFromEveryOther() {
    long v = push(0, "verbs");
    for (int i = 0; i < cluster.size(); i++) {
      assertEquals(v, scraped(i, "verbs"));
    }
  }

  @Test
  void killedFollowerStopsAnsweringAndCatchesUpAfterRestart() {
    int follower = cluster.others(cluster.leader()).getFirst();
    cluster.kill(follower);
    assertTrue(cluster.status(follower).isEmpty(), "a killed node answers nothing");
    long v = push(cluster.leader(), "kill");
    cluster.restart(follower);
    cluster.awaitConverged(LONG);
    assertEquals(v, scraped(follower, "kill"));
  }

  @Test
  void terminatedLeaderIsReplaced() {
    int old = cluster.leader();
    cluster.terminate(old);
    int next = cluster.leader();
    assertNotEquals(old, next);
    push(next, "terminate");
  }

  @Test
  void pausedNodeIsSilentUntilResumed() {
    int follower = cluster.others(cluster.leader()).getFirst();
    cluster.pause(follower);
    Outcome outcome =
        cluster.http().send(cluster.node(follower).httpPort(), "GET", "/-/healthy", null).outcome();
    assertEquals(
        Outcome.UNKNOWN, outcome, "a stopped process accepts connections, answers nothing");
    cluster.resume(follower);
    await().atMost(LONG).until(() -> cluster.status(follower).isPresent());
  }

  @Test
  void cutFromLeaderToFollowerStarvesOnlyThatFollower() {
    int leader = cluster.leader();
    int starved = cluster.others(leader).get(0);
    int fed = cluster.others(leader).get(1);
    cluster.cut(leader, starved);
    long before = commitIndex(starved);
    push(leader, "cut-forward");
    long committed = commitIndex(leader);
    await("the fed follower hears of the commit")
        .atMost(LONG)
        .until(() -> commitIndex(fed) >= committed);
    assertEquals(before, commitIndex(starved), "the starved follower heard of no new commit");
    cluster.healAll();
    await().atMost(LONG).until(() -> commitIndex(starved) >= committed);
  }

  @Test
  void cutFromFollowerToLeaderLeavesTheFollowerFedButUnheard() {
    int leader = cluster.leader();
    int mute = cluster.others(leader).get(0);
    cluster.cut(mute, leader);
    push(leader, "cut-backward");
    long committed = commitIndex(leader);
    // The leader's entries still reach the mute follower, which applies them once committed.
    await().atMost(LONG).until(() -> appliedIndex(mute) >= committed);
    // Its own requests to the leader do not get through: it cannot confirm a read.
    assertEquals(
        Outcome.FAILED,
        cluster.http().send(cluster.node(mute).httpPort(), "GET", "/metrics", null).outcome());
  }

  @Test
  void isolatedNodeRefusesScrapesWhileTheOthersServe() {
    int leader = cluster.leader();
    int isolated = cluster.others(leader).getFirst();
    cluster.isolate(isolated);
    long v = push(leader, "isolate");
    assertEquals(
        Outcome.FAILED,
        cluster.http().send(cluster.node(isolated).httpPort(), "GET", "/metrics", null).outcome());
    assertEquals(v, scraped(cluster.others(isolated).getLast(), "isolate"));
  }

  @Test
  void wipedFollowerRecoversEverythingFromALeaderSnapshot() {
    int leader = cluster.leader();
    int follower = cluster.others(leader).getFirst();
    long v = push(leader, "wipe");
    cluster.kill(follower);
    cluster.wipe(follower);
    // The leader remembers how far the follower's log matched and only resends from there, so
    // a wiped follower can rejoin only by a snapshot: push until the leader's log starts past
    // anything the follower had (its commit index plus what may have been in flight).
    long beyond = commitIndex(leader) + 20;
    while (cluster.status(leader).orElseThrow().logStartIndex() <= beyond) {
      push(leader, "wipe-filler");
    }
    cluster.restart(follower);
    cluster.awaitConverged(LONG);
    assertEquals(v, scraped(follower, "wipe"));
  }

  private long push(int node, String group) {
    long v = values.incrementAndGet();
    var reply =
        cluster
            .http()
            .send(
                cluster.node(node).httpPort(),
                "PUT",
                "/metrics/job/chaos/instance/" + group,
                Workload.METRIC + " " + v + "\n");
    assertEquals(200, reply.status(), reply.body());
    return v;
  }

  private long scraped(int node, String group) {
    var reply = cluster.http().send(cluster.node(node).httpPort(), "GET", "/metrics", null);
    assertEquals(200, reply.status(), reply.body());
    return Workload.parse(reply.body()).getOrDefault(group, Op.ABSENT);
  }

  private long appliedIndex(int node) {
    return cluster.status(node).map(NodeStatus::appliedIndex).orElse(-1L);
  }

  private long commitIndex(int node) {
    Optional<NodeStatus> s = cluster.status(node);
    return s.map(NodeStatus::commitIndex).orElse(-1L);
  }
}
