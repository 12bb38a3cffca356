package pgw.chaos.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node as an OS process ({@code java -jar pgw-node.jar}) with fixed ports and data directory,
 * so that it can be killed and started again as the same Raft member. Seen only through HTTP and
 * signals.
 */
public final class NodeProcess {
  private static final Pattern LEADER = Pattern.compile("\"leaderId\":\"([^\"]+)\"");
  private static final Pattern ROLE = Pattern.compile("\"role\":\"([^\"]+)\"");

  private final String id;
  private final int httpPort;
  private final int raftPort;
  private final Path dir;
  private String peers = "";
  private List<String> extraArgs = List.of();
  private Process process;

  NodeProcess(String id, int httpPort, int raftPort, Path dir) {
    this.id = id;
    this.httpPort = httpPort;
    this.raftPort = raftPort;
    this.dir = dir;
  }

  /** The path of the node jar built by the node module (set by the failsafe configuration). */
  public static Path jar() {
    return Path.of(System.getProperty("pgw.node.jar", "../node/target/pgw-node.jar"));
  }

  /** JVM flags for node processes: quiet on JDK 24+, small and quick to start on a busy box. */
  public static List<String> jvmFlags() {
    return List.of(
        "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Xmx256m");
  }

  public String id() {
    return id;
  }

  public int httpPort() {
    return httpPort;
  }

  public String raftAddress() {
    return "127.0.0.1:" + raftPort;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + httpPort + path;
  }

  void peers(String peers) {
    this.peers = peers;
  }

  void extraArgs(List<String> args) {
    this.extraArgs = List.copyOf(args);
  }

  /** The Raft data directory: delete it (node stopped) to simulate a lost volume. */
  public Path dataDir() {
    return dir.resolve("data");
  }

  public synchronized void start() {
    if (alive()) {
      throw new IllegalStateException(id + " is already running");
    }
    List<String> cmd = new ArrayList<>(List.of(Processes.java()));
    cmd.addAll(jvmFlags());
    cmd.addAll(
        List.of(
            "-jar",
            jar().toAbsolutePath().toString(),
            "--node.id=" + id,
            "--web.listen-address=127.0.0.1:" + httpPort,
            "--raft.peers=" + peers,
            "--data.dir=" + dir.resolve("data")));
    cmd.addAll(extraArgs);
    process = Processes.start(cmd, Map.of(), dir.resolve("node.log"));
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: the process gets no chance to clean up. */
  public synchronized void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM, as Kubernetes sends it; returns the exit code, or throws if it outlives grace. */
  public synchronized int terminate(Duration grace) {
    process.destroy();
    return awaitExit(grace)
        .orElseThrow(() -> new AssertionError(id + " still running " + grace + " after SIGTERM"));
  }

  /** SIGTERM without waiting; see {@link #awaitExit}. */
  public synchronized void sigterm() {
    process.destroy();
  }

  /** SIGSTOP: the process freezes, as on a long GC pause or an overloaded machine. */
  public synchronized void pause() {
    Processes.run(List.of("kill", "-STOP", String.valueOf(process.pid())), Duration.ofSeconds(10));
  }

  public synchronized void resume() {
    Processes.run(List.of("kill", "-CONT", String.valueOf(process.pid())), Duration.ofSeconds(10));
  }

  /** When the process exits (epoch millis), once it has. */
  public synchronized java.util.concurrent.CompletableFuture<Long> exited() {
    return process.onExit().thenApply(p -> System.currentTimeMillis());
  }

  public Optional<Integer> awaitExit(Duration timeout) {
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return Optional.of(process.exitValue());
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public boolean ready() {
    return alive() && Http.get(url("/-/ready")).status() == 200;
  }

  /** This node's view of the leader, if it is running and knows one. */
  public Optional<String> leaderId() {
    if (!alive()) {
      return Optional.empty();
    }
    Matcher m = LEADER.matcher(Http.get(url("/api/v1/cluster")).body());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  public Optional<String> role() {
    if (!alive()) {
      return Optional.empty();
    }
    Matcher m = ROLE.matcher(Http.get(url("/api/v1/cluster")).body());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  public Path log() {
    return dir.resolve("node.log");
  }

  @Override
  public String toString() {
    return id + "(http " + httpPort + ", raft " + raftPort + ")";
  }
}
