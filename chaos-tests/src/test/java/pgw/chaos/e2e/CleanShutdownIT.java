package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import pgw.chaos.Cluster;
import pgw.chaos.NodeHttp;
import pgw.chaos.NodeHttp.NodeStatus;

/** What SIGTERM (Kubernetes stopping a pod) does to a node: the clean-shutdown contract. */
class CleanShutdownIT {
  private static final Duration GRACE = Duration.ofSeconds(60);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /**
   * Three ready nodes with the node's default request timeout (10 s, not the chaos profile's 4 s):
   * the push held in flight below must outlast the leader's shutdown.
   */
  private Cluster start() throws IOException {
    return Cluster.builder().dir(dir).requestTimeout(Duration.ofSeconds(10)).startAllReady();
  }

  @Test
  void aTerminatedNodeRefusesNewRequestsButAnswersThoseInFlight() throws Exception {
    try (Cluster cluster = start()) {
      int leader = cluster.leader();
      int port = cluster.node(leader).httpPort();
      NodeHttp http = cluster.http();
      List<Integer> followers = cluster.others(leader);
      // Without its followers the leader cannot commit: the push stays in flight.
      followers.forEach(cluster::pause);
      CompletableFuture<NodeHttp.Reply> push =
          CompletableFuture.supplyAsync(
              () -> http.send(port, "PUT", "/metrics/job/inflight", "in_flight 1\n"));
      await("push in flight").during(Duration.ofMillis(500)).until(() -> !push.isDone());
      CompletableFuture<Integer> exit = cluster.terminateAsync(leader);
      await("new connections refused")
          .atMost(Duration.ofSeconds(30))
          .until(() -> http.send(port, "GET", "/-/healthy", null).status() == 0);
      // Longer than Helidon's default grace (0.5 s): the node must keep waiting for the push.
      await("node waits for the push in flight")
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> cluster.node(leader).running() && !push.isDone());
      followers.forEach(cluster::resume);

      NodeHttp.Reply answer = push.get(GRACE.toSeconds(), TimeUnit.SECONDS);
      assertEquals(200, answer.status(), "the push in flight was answered: " + answer.body());
      assertEquals(
          143, exit.get(GRACE.toSeconds(), TimeUnit.SECONDS), "clean exit within the grace");
      int survivor = followers.get(0);
      await("acknowledged push on the other nodes")
          .atMost(Duration.ofMinutes(1))
          .until(
              () ->
                  http.send(cluster.node(survivor).httpPort(), "GET", "/metrics", null)
                      .body()
                      .contains("in_flight{"));
    }
  }

  @Test
  void aTerminatedLeaderHandsOverLeadershipBeforeItExits() throws Exception {
    try (Cluster cluster = start()) {
      int leader = cluster.leader();
      String leaderId = cluster.node(leader).id();
      List<Integer> followers = cluster.others(leader);
      CompletableFuture<Long> exited =
          cluster.terminateAsync(leader).thenApply(code -> System.currentTimeMillis());
      long newLeaderKnown =
          await("a follower knows a new leader")
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(20))
              .until(
                  () ->
                      followers.stream()
                              .map(f -> cluster.status(f).map(NodeStatus::leaderId))
                              .flatMap(Optional::stream)
                              .anyMatch(id -> !id.equals(leaderId))
                          ? System.currentTimeMillis()
                          : null,
                  t -> t != null);
      long exitedAt = exited.get(GRACE.toSeconds(), TimeUnit.SECONDS);
      System.out.println(
          "leader "
              + leaderId
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
