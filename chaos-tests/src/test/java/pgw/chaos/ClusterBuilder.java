package pgw.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Settings of a cluster; every one has a default that suits the quick chaos profile. */
public final class ClusterBuilder {
  private int size = 3;
  private Path dir;
  private Path jar = NodeProcess.jar();
  private Duration electionTimeoutMin = Duration.ofMillis(1000);
  private Duration electionTimeoutMax = Duration.ofMillis(2000);
  private Duration requestTimeout = Duration.ofSeconds(4);
  private long snapshotInterval = 10_000;
  private final Map<String, String> flags = new TreeMap<>();

  public ClusterBuilder nodes(int n) {
    this.size = n;
    return this;
  }

  /** Where data directories, logs and hosts files go. */
  public ClusterBuilder dir(Path dir) {
    this.dir = dir;
    return this;
  }

  public ClusterBuilder jar(Path jar) {
    this.jar = jar;
    return this;
  }

  public ClusterBuilder electionTimeout(Duration min, Duration max) {
    this.electionTimeoutMin = min;
    this.electionTimeoutMax = max;
    return this;
  }

  public ClusterBuilder requestTimeout(Duration timeout) {
    this.requestTimeout = timeout;
    return this;
  }

  public ClusterBuilder snapshotInterval(long entries) {
    this.snapshotInterval = entries;
    return this;
  }

  /** Any other node flag, e.g. {@code flag("read.consistency", "local")}. */
  public ClusterBuilder flag(String name, String value) {
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
    int[] raftPorts = Arrays.copyOfRange(ports, 0, size);
    int[] httpPorts = Arrays.copyOfRange(ports, size, 2 * size);
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
        cluster.timeline().record("start " + nodes.get(i).id());
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

  /** Starts every node and waits until each is ready, as a Service routes only to ready pods. */
  public Cluster startAllReady() throws IOException {
    Cluster cluster = start();
    try {
      cluster.awaitAllReady();
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
    Random random = new Random();
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
