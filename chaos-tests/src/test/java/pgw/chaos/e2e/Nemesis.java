package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Kills and restarts nodes while clients push. Every step waits for the clients to make progress
 * (the cluster works without the node) and again after the node is back and ready.
 */
public final class Nemesis {
  private static final int ACKS_PER_STEP = 15;
  private static final Duration GRACE = Duration.ofSeconds(60);

  private final LocalCluster cluster;
  private final List<Pusher> pushers;
  private final List<String> log = new ArrayList<>();

  public Nemesis(LocalCluster cluster, List<Pusher> pushers) {
    this.cluster = cluster;
    this.pushers = pushers;
  }

  /** SIGKILL to the leader, then back. */
  public void killLeader() {
    NodeProcess leader = cluster.awaitLeader();
    leader.kill();
    log.add("SIGKILL leader " + leader.id());
    recover(leader);
  }

  public void killFollower() {
    NodeProcess follower = cluster.followers(cluster.awaitLeader()).get(0);
    follower.kill();
    log.add("SIGKILL follower " + follower.id());
    recover(follower);
  }

  /** SIGTERM to the leader, as Kubernetes does on a rolling update or a drain. */
  public void terminateLeader() {
    NodeProcess leader = cluster.awaitLeader();
    int exit = leader.terminate(GRACE);
    log.add("SIGTERM leader " + leader.id() + " (exit " + exit + ")");
    recover(leader);
  }

  private void recover(NodeProcess node) {
    awaitProgress();
    node.start();
    cluster.awaitReady(node);
    log.add("restarted " + node.id());
    awaitProgress();
  }

  /** Waits until every pusher has had more pushes acknowledged. */
  public void awaitProgress() {
    List<Long> start = pushers.stream().map(Pusher::ackCount).toList();
    try {
      await("every pusher acknowledged " + ACKS_PER_STEP + " more pushes")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                for (int i = 0; i < pushers.size(); i++) {
                  if (pushers.get(i).ackCount() < start.get(i) + ACKS_PER_STEP) {
                    return false;
                  }
                }
                return true;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no progress after "
              + log
              + "; last errors: "
              + pushers.stream().map(p -> p.name() + ": " + p.lastError()).toList(),
          e);
    }
  }

  public List<String> log() {
    return List.copyOf(log);
  }
}
