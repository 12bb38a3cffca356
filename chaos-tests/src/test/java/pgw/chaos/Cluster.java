package pgw.chaos;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import pgw.chaos.NodeHttp.NodeStatus;

/**
 * A cluster of real node processes on loopback, and the faults a test inflicts on it. Nodes are
 * addressed by index (0-based; node 0 is {@code n1}). Verbs: {@link #leader}, {@link #kill}, {@link
 * #terminate}, {@link #restart}, {@link #pause}, {@link #resume}, {@link #cut}, {@link #isolate},
 * {@link #healAll}, {@link #wipe}, {@link #awaitReady}, {@link #awaitConverged}; {@link #close}
 * stops everything. {@link #builder} sets the cluster up.
 */
public final class Cluster implements AutoCloseable {
  private final List<NodeProcess> nodes;
  private final Network network;
  private final NodeHttp http;
  private final Timeline timeline = new Timeline();

  Cluster(List<NodeProcess> nodes, Network network, Duration httpTimeout) {
    this.nodes = nodes;
    this.network = network;
    this.http = new NodeHttp(httpTimeout);
  }

  public static ClusterBuilder builder() {
    return new ClusterBuilder();
  }

  public int size() {
    return nodes.size();
  }

  public NodeProcess node(int i) {
    return nodes.get(i);
  }

  public List<NodeProcess> nodes() {
    return nodes;
  }

  public Network network() {
    return network;
  }

  public NodeHttp http() {
    return http;
  }

  /** What was done to the cluster and when, for the figures and for failure reports. */
  public Timeline timeline() {
    return timeline;
  }

  /** Waits until a leader is known and ready, and returns its index. */
  public int leader() {
    // Generous: on a shared, overloaded machine JVMs stall for seconds and elections repeat.
    return await("a ready leader")
        .atMost(Duration.ofSeconds(120))
        .until(this::currentLeader, Optional::isPresent)
        .orElseThrow();
  }

  /** The reachable node that says it is a ready leader, with the highest term. */
  public Optional<Integer> currentLeader() {
    return IntStream.range(0, size())
        .filter(i -> nodes.get(i).running() && !nodes.get(i).paused())
        .boxed()
        .flatMap(
            i -> status(i).filter(s -> s.leader() && s.ready()).map(s -> Map.entry(i, s)).stream())
        .max(Comparator.comparingLong(e -> e.getValue().term()))
        .map(Map.Entry::getKey);
  }

  public Optional<NodeStatus> status(int i) {
    return http.status(nodes.get(i).httpPort());
  }

  public List<Integer> others(int i) {
    return IntStream.range(0, size()).filter(j -> j != i).boxed().toList();
  }

  public void kill(int i) {
    timeline.record("SIGKILL " + nodes.get(i).id());
    nodes.get(i).kill();
  }

  /** SIGKILLs the current leader (waiting for one first) and returns its index. */
  public int killLeader() {
    int leader = leader();
    timeline.record("SIGKILL leader " + nodes.get(leader).id());
    nodes.get(leader).kill();
    return leader;
  }

  /** Undoes every fault: resumes paused nodes, heals the network, starts stopped nodes. */
  public void healEverything() {
    for (NodeProcess n : nodes) {
      if (n.paused()) {
        resume(n.index());
      }
    }
    healAll();
    for (NodeProcess n : nodes) {
      if (!n.running()) {
        restart(n.index());
      }
    }
  }

  /** SIGTERM, as Kubernetes sends it; waits for the exit and returns its code (143: clean). */
  public int terminate(int i) {
    timeline.record("SIGTERM " + nodes.get(i).id());
    return nodes.get(i).terminate();
  }

  /** SIGTERM without waiting: the future completes with the exit code once the node has exited. */
  public CompletableFuture<Integer> terminateAsync(int i) {
    timeline.record("SIGTERM " + nodes.get(i).id());
    return nodes.get(i).terminateAsync();
  }

  /** Starts a stopped node again (SIGTERM first if it is running) and waits until it answers. */
  public void restart(int i) {
    NodeProcess node = nodes.get(i);
    if (node.running()) {
      terminate(i);
    }
    timeline.record("start " + node.id());
    node.start();
    awaitResponding(i);
  }

  public void pause(int i) {
    timeline.record("SIGSTOP " + nodes.get(i).id());
    nodes.get(i).pause();
  }

  public void resume(int i) {
    timeline.record("SIGCONT " + nodes.get(i).id());
    nodes.get(i).resume();
  }

  /** Deletes a stopped node's data directory. */
  public void wipe(int i) {
    timeline.record("wipe " + nodes.get(i).id());
    nodes.get(i).wipe();
  }

  public void cut(int from, int to) {
    timeline.record("cut " + nodes.get(from).id() + "->" + nodes.get(to).id());
    network.cut(from, to);
  }

  public void isolate(int i) {
    timeline.record("isolate " + nodes.get(i).id());
    network.isolate(i);
  }

  public void healAll() {
    timeline.record("heal all");
    network.healAll();
  }

  /** Whether the node is running and its {@code /-/ready} answers 200 (the readiness probe). */
  public boolean ready(int i) {
    NodeProcess n = nodes.get(i);
    return n.running() && http.send(n.httpPort(), "GET", "/-/ready", null).status() == 200;
  }

  public void awaitReady(int i) {
    await(nodes.get(i).id() + " ready")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ready(i));
  }

  public void awaitAllReady() {
    for (int i = 0; i < size(); i++) {
      awaitReady(i);
    }
  }

  void awaitResponding(int i) {
    await(nodes.get(i).id() + " answering HTTP")
        .atMost(Duration.ofSeconds(120))
        .until(() -> !nodes.get(i).running() || status(i).isPresent());
    if (!nodes.get(i).running()) {
      throw new IllegalStateException(
          nodes.get(i).id() + " exited at start:\n" + nodes.get(i).logTail(40));
    }
  }

  /**
   * Waits until every running node follows the same leader and has applied the same index, which is
   * also its commit index: with no writes in flight, all replicas then hold the same state.
   */
  public void awaitConverged(Duration atMost) {
    await("all running replicas at the same applied index under one leader")
        .atMost(atMost)
        .until(this::converged);
  }

  private boolean converged() {
    Long applied = null;
    String leader = null;
    for (NodeProcess n : nodes) {
      if (!n.running()) {
        continue;
      }
      Optional<NodeStatus> s = status(n.index());
      if (s.isEmpty()
          || s.get().leaderId() == null
          || s.get().appliedIndex() != s.get().commitIndex()) {
        return false;
      }
      if (applied == null) {
        applied = s.get().appliedIndex();
        leader = s.get().leaderId();
      } else if (applied != s.get().appliedIndex() || !leader.equals(s.get().leaderId())) {
        return false;
      }
    }
    return applied != null;
  }

  /** The last lines of every node's log, for a failure report. */
  public String logs(int lines) {
    StringBuilder sb = new StringBuilder();
    for (NodeProcess n : nodes) {
      sb.append("==== ").append(n.id()).append(" (").append(n.log()).append(")\n");
      sb.append(n.logTail(lines)).append('\n');
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    for (NodeProcess n : nodes) {
      n.kill();
    }
    network.close();
  }
}
