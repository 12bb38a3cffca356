package pgw.node;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import pgw.raft.RaftSettings;

/**
 * Three (or n) nodes in this JVM on loopback: real Ratis over gRPC, real Helidon servers, each with
 * its own data directory. Verbs: {@link #node}, {@link #leader}, {@link #stop}, {@link #start},
 * {@link #wipe}; {@link #close} stops everything.
 */
final class InProcessCluster implements AutoCloseable {
  private final Path dir;
  private final List<RaftSettings> settings = new ArrayList<>();
  private final Node[] nodes;

  /** Starts n nodes; {@code snapshotInterval} and {@code segmentSize} are small to test purging. */
  InProcessCluster(Path dir, int n, long snapshotInterval, long segmentSize) throws IOException {
    this(dir, n, snapshotInterval, segmentSize, Duration.ofMillis(300));
  }

  /** A leader without a quorum steps down after twice {@code electionTimeout}. */
  InProcessCluster(
      Path dir, int n, long snapshotInterval, long segmentSize, Duration electionTimeout)
      throws IOException {
    this.dir = dir;
    List<RaftSettings.Peer> peers =
        IntStream.range(0, n)
            .mapToObj(i -> new RaftSettings.Peer("n" + i, "127.0.0.1:" + freePort()))
            .toList();
    for (int i = 0; i < n; i++) {
      settings.add(
          new RaftSettings(
              "n" + i,
              peers,
              dir.resolve("n" + i),
              snapshotInterval,
              electionTimeout,
              electionTimeout.multipliedBy(2),
              Duration.ofSeconds(3),
              segmentSize));
    }
    nodes = new Node[n];
    for (int i = 0; i < n; i++) {
      start(i);
    }
  }

  void start(int i) throws IOException {
    nodes[i] = Node.start(NodeConfig.forTest(settings.get(i)));
  }

  void stop(int i) throws IOException {
    nodes[i].close();
    nodes[i] = null;
  }

  /** Deletes a stopped node's data directory: it restarts as a new, empty member. */
  void wipe(int i) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("n" + i))) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  Node node(int i) {
    return nodes[i];
  }

  GatewayHttp http(int i) {
    return new GatewayHttp(nodes[i].httpPort());
  }

  List<Integer> running() {
    return IntStream.range(0, nodes.length).filter(i -> nodes[i] != null).boxed().toList();
  }

  /** Waits until the running nodes agree on one leader among them; returns its index. */
  int leader() {
    return await().atMost(Duration.ofSeconds(30)).until(this::agreedLeader, i -> i >= 0);
  }

  private int agreedLeader() {
    String leader = null;
    for (int i : running()) {
      String seen = nodes[i].raft().status().leaderId();
      if (seen == null || (leader != null && !leader.equals(seen))) {
        return -1;
      }
      leader = seen;
    }
    String id = leader;
    return running().stream()
        .filter(i -> settings.get(i).selfId().equals(id))
        .findFirst()
        .orElse(-1);
  }

  int follower() {
    int leader = leader();
    return running().stream().filter(i -> i != leader).findFirst().orElseThrow();
  }

  @Override
  public void close() throws IOException {
    for (int i : running()) {
      stop(i);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
