package pgw.chaos;

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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import pgw.chaos.NodeHttp.NodeStatus;

/**
 * A cluster of real node processes on loopback, and the faults a test inflicts on it. Nodes are
 * addressed by index (0-based; node 0 is {@code n1}). Verbs: {@link #leader}, {@link #kill}, {@link
 * #terminate}, {@link #restart}, {@link #pause}, {@link #resume}, {@link #network} (cut, heal,
 * isolate, partition), {@link #wipe}, {@link #awaitConverged}; {@link #close} stops everything.
 */
public final class Cluster implements AutoCloseable {
  private final List<NodeProcess> nodes;
  private final Network network;
  private final NodeHttp http;
  private final Timeline timeline = new Timeline();

  private Cluster(List<NodeProcess> nodes, Network network, Duration httpTimeout) {
    this.nodes = nodes;
    this.network = network;
    this.http = new NodeHttp(httpTimeout);
  }

  public static Builder builder() {
    return new Builder();
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

  public void terminate(int i) {
    timeline.record("SIGTERM " + nodes.get(i).id());
    nodes.get(i).terminate();
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

  private void awaitResponding(int i) {
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

  /** Settings of a cluster; every one has a default that suits the quick chaos profile. */
  public static final class Builder {
    private int size = 3;
    private Path dir;
    private Path jar = Path.of(System.getProperty("pgw.node.jar", "../node/target/pgw-node.jar"));
    private Duration electionTimeoutMin = Duration.ofMillis(1000);
    private Duration electionTimeoutMax = Duration.ofMillis(2000);
    private Duration requestTimeout = Duration.ofSeconds(4);
    private long snapshotInterval = 10_000;
    private final Map<String, String> flags = new TreeMap<>();

    public Builder nodes(int n) {
      this.size = n;
      return this;
    }

    /** Where data directories, logs and hosts files go. */
    public Builder dir(Path dir) {
      this.dir = dir;
      return this;
    }

    public Builder jar(Path jar) {
      this.jar = jar;
      return this;
    }

    public Builder electionTimeout(Duration min, Duration max) {
      this.electionTimeoutMin = min;
      this.electionTimeoutMax = max;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder snapshotInterval(long entries) {
      this.snapshotInterval = entries;
      return this;
    }

    /** Any other node flag, e.g. {@code flag("read.consistency", "local")}. */
    public Builder flag(String name, String value) {
      flags.put(name, value);
      return this;
    }

    /** Starts every node and waits until a leader is ready. */
    public Cluster start() throws IOException {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build the node first");
      }
      Path root = dir != null ? dir : Files.createTempDirectory("pgw-chaos");
      Files.createDirectories(root);
      int[] ports = freePorts(2 * size);
      int[] raftPorts = java.util.Arrays.copyOfRange(ports, 0, size);
      int[] httpPorts = java.util.Arrays.copyOfRange(ports, size, 2 * size);
      Network network = new Network(size, raftPorts, root);
      // The node's own logging config, but with Ratis' elections, truncations and snapshot
      // installs at INFO: a failed chaos run is diagnosed from these logs.
      Files.writeString(
          root.resolve("logging.properties"),
          String.join(
              "\n",
              "handlers=java.util.logging.ConsoleHandler",
              "java.util.logging.ConsoleHandler.level=ALL",
              "java.util.logging.SimpleFormatter.format=%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n",
              ".level=INFO",
              "org.apache.ratis.level=INFO",
              "io.helidon.level=WARNING",
              "io.helidon.webserver.ServerListener.level=INFO",
              ""));
      List<String> peers = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        peers.add("n" + (i + 1) + "=" + Network.hostName(i) + ":" + raftPorts[i]);
      }
      List<NodeProcess> nodes = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        nodes.add(node(i, root, httpPorts[i], raftPorts[i], String.join(",", peers)));
      }
      Cluster cluster = new Cluster(List.copyOf(nodes), network, requestTimeout.multipliedBy(2));
      try {
        // All at once, as pods start: a node that starts after the others have elected a leader
        // has, in chaos runs, been left without entries by that leader (see README, findings).
        for (int i = 0; i < size; i++) {
          cluster.timeline.record("start " + nodes.get(i).id());
          nodes.get(i).start();
        }
        for (int i = 0; i < size; i++) {
          cluster.awaitResponding(i);
        }
        cluster.leader();
      } catch (RuntimeException e) {
        System.err.println(cluster.logs(60));
        cluster.close();
        throw e;
      }
      return cluster;
    }

    private NodeProcess node(int i, Path root, int httpPort, int raftPort, String peers) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String javaHome = System.getenv("JAVA_HOME");
      if (javaHome != null && Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
        java = Path.of(javaHome, "bin", "java").toString();
      }
      Path data = root.resolve("n" + (i + 1));
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  "-Djdk.net.hosts.file=" + Network.hostsFile(root, i).toAbsolutePath(),
                  "-Djava.util.logging.config.file="
                      + root.resolve("logging.properties").toAbsolutePath(),
                  "-Xmx192m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "--enable-native-access=ALL-UNNAMED",
                  "--sun-misc-unsafe-memory-access=allow",
                  "-jar",
                  jar.toAbsolutePath().toString(),
                  "--node.id=n" + (i + 1),
                  "--web.listen-address=127.0.0.1:" + httpPort,
                  "--raft.address=" + Network.hostName(i) + ":" + raftPort,
                  "--raft.peers=" + peers,
                  "--data.dir=" + data.toAbsolutePath(),
                  "--raft.election-timeout-min=" + electionTimeoutMin.toMillis() + "ms",
                  "--raft.election-timeout-max=" + electionTimeoutMax.toMillis() + "ms",
                  "--request.timeout=" + requestTimeout.toMillis() + "ms",
                  "--raft.snapshot-interval=" + snapshotInterval));
      flags.forEach((k, v) -> command.add("--" + k + "=" + v));
      return new NodeProcess(i, command, data, root.resolve("n" + (i + 1) + ".log"), httpPort);
    }

    /**
     * Distinct ports that are free now, below the kernel's ephemeral range (32768 and up): a node
     * restarts on the same ports, and an outgoing connection must not have taken one meanwhile.
     */
    private static int[] freePorts(int n) {
      java.util.Random random = new java.util.Random();
      List<ServerSocket> held = new ArrayList<>();
      try {
        while (held.size() < n) {
          int port = 20_000 + random.nextInt(12_000);
          try {
            held.add(new ServerSocket(port));
          } catch (IOException taken) {
            // try another
          }
        }
        return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
      } finally {
        for (ServerSocket s : held) {
          try {
            s.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
  }
}
