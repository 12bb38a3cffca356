package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** What SIGTERM (Kubernetes stopping a pod) does to a node: the clean-shutdown contract. */
class CleanShutdownIT {
  private static final Duration GRACE = Duration.ofSeconds(60);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @AfterEach
  void killEverything() {
    Processes.killAll();
  }

  @Test
  void aTerminatedNodeRefusesNewRequestsButAnswersThoseInFlight() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      NodeProcess leader = cluster.awaitLeader();
      List<NodeProcess> followers = cluster.followers(leader);
      // Without its followers the leader cannot commit: the push stays in flight.
      followers.forEach(NodeProcess::pause);
      CompletableFuture<Http.Answer> push =
          CompletableFuture.supplyAsync(
              () -> Http.put(leader.url("/metrics/job/inflight"), "in_flight 1\n"));
      await("push in flight").during(Duration.ofMillis(500)).until(() -> !push.isDone());
      leader.sigterm();
      await("new connections refused")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Http.get(leader.url("/-/healthy")).status() == 0);
      // Longer than Helidon's default grace (0.5 s): the node must keep waiting for the push.
      await("node waits for the push in flight")
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> leader.alive() && !push.isDone());
      followers.forEach(NodeProcess::resume);

      Http.Answer answer = push.get(GRACE.toSeconds(), TimeUnit.SECONDS);
      assertEquals(200, answer.status(), "the push in flight was answered: " + answer.body());
      assertEquals(Optional.of(143), leader.awaitExit(GRACE), "clean exit within the grace");
      NodeProcess survivor = followers.get(0);
      await("acknowledged push on the other nodes")
          .atMost(Duration.ofMinutes(1))
          .until(() -> Http.get(survivor.url("/metrics")).body().contains("in_flight{"));
    }
  }

  @Test
  void aTerminatedLeaderHandsOverLeadershipBeforeItExits() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3)) {
      NodeProcess leader = cluster.awaitLeader();
      List<NodeProcess> followers = cluster.followers(leader);
      CompletableFuture<Long> exited = leader.exited();
      leader.sigterm();
      long newLeaderKnown =
          await("a follower knows a new leader")
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(20))
              .until(
                  () ->
                      followers.stream()
                              .map(NodeProcess::leaderId)
                              .flatMap(Optional::stream)
                              .anyMatch(id -> !id.equals(leader.id()))
                          ? System.currentTimeMillis()
                          : null,
                  t -> t != null);
      long exitedAt = exited.get(GRACE.toSeconds(), TimeUnit.SECONDS);
      System.out.println(
          "leader "
              + leader.id()
              + ": new leader known "
              + (newLeaderKnown - exitedAt)
              + " ms relative to the old leader's exit");
      // Without a hand-over the followers would elect a new leader only an election timeout
      // (>= 1 s) after the last heartbeat, which the old leader sends until it exits.
      assertTrue(
          newLeaderKnown < exitedAt,
          "new leader known " + (newLeaderKnown - exitedAt) + " ms after the old one exited");
    }
  }
}
