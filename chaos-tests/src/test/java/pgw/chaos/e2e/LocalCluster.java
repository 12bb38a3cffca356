package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Three (or n) node processes on loopback, free ports, one Raft group. */
public final class LocalCluster implements AutoCloseable {
  public static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final List<NodeProcess> nodes;

  private LocalCluster(List<NodeProcess> nodes) {
    this.nodes = nodes;
  }

  public static LocalCluster start(Path dir, int size) {
    return start(dir, size, List.of());
  }

  /** {@code nodeArgs}: extra flags for every node. */
  public static LocalCluster start(Path dir, int size, List<String> nodeArgs) {
    List<NodeProcess> nodes = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      Path nodeDir = dir.resolve("node" + i);
      try {
        Files.createDirectories(nodeDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      nodes.add(new NodeProcess("node" + i, Processes.freePort(), Processes.freePort(), nodeDir));
    }
    String peers =
        nodes.stream().map(n -> n.id() + "=" + n.raftAddress()).collect(Collectors.joining(","));
    nodes.forEach(n -> n.peers(peers));
    nodes.forEach(n -> n.extraArgs(nodeArgs));
    LocalCluster cluster = new LocalCluster(List.copyOf(nodes));
    nodes.forEach(NodeProcess::start);
    cluster.awaitAllReady();
    return cluster;
  }

  public List<NodeProcess> nodes() {
    return nodes;
  }

  public NodeProcess node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }

  public void awaitAllReady() {
    await("every node ready")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> nodes.stream().allMatch(NodeProcess::ready));
  }

  public void awaitReady(NodeProcess node) {
    await(node.id() + " ready")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(node::ready);
  }

  /** The leader as the running nodes agree on it. */
  public NodeProcess awaitLeader() {
    return await("a leader every running node agrees on")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(this::agreedLeader, Optional::isPresent)
        .orElseThrow();
  }

  private Optional<NodeProcess> agreedLeader() {
    List<Optional<String>> views =
        nodes.stream().filter(NodeProcess::alive).map(NodeProcess::leaderId).toList();
    if (views.isEmpty() || views.stream().anyMatch(Optional::isEmpty)) {
      return Optional.empty();
    }
    if (views.stream().distinct().count() != 1) {
      return Optional.empty();
    }
    NodeProcess leader = node(views.get(0).orElseThrow());
    return leader.alive() ? Optional.of(leader) : Optional.empty();
  }

  public List<NodeProcess> followers(NodeProcess leader) {
    return nodes.stream().filter(n -> n != leader).toList();
  }

  @Override
  public void close() {
    for (NodeProcess n : nodes) {
      if (n.alive()) {
        n.kill();
      }
    }
  }
}
