package pgw.node.compat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A cluster of real node processes ({@code java -jar target/pgw-node.jar}) on loopback, started
 * with upstream's flag names plus the Raft ones, exactly as an operator would start them.
 */
final class NodeProcesses implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> httpPorts = new ArrayList<>();

  private NodeProcesses() {}

  static NodeProcesses start(Path dir, int n, List<String> flags) throws IOException {
    Path jar = Path.of("target", "pgw-node.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run the ITs through mvn verify");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<Integer> raftPorts =
        IntStream.range(0, n).mapToObj(i -> UpstreamPushgateway.freePort()).toList();
    String peers =
        String.join(
            ",",
            IntStream.range(0, n)
                .mapToObj(i -> "n" + i + "=127.0.0.1:" + raftPorts.get(i))
                .toList());
    NodeProcesses cluster = new NodeProcesses();
    try {
      for (int i = 0; i < n; i++) {
        int port = UpstreamPushgateway.freePort();
        List<String> cmd =
            new ArrayList<>(
                List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow",
                    "-Xmx256m",
                    "-jar",
                    jar.toString(),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--node.id=n" + i,
                    "--raft.address=127.0.0.1:" + raftPorts.get(i),
                    "--raft.peers=" + peers,
                    "--data.dir=" + dir.resolve("n" + i),
                    "--raft.election-timeout-min=500ms",
                    "--raft.election-timeout-max=1s"));
        cmd.addAll(flags);
        Files.createDirectories(dir);
        cluster.processes.add(
            new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("n" + i + ".log").toFile())
                .start());
        cluster.httpPorts.add(port);
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .failFast(
              "a node exited; see the logs in " + dir,
              () -> cluster.processes.stream().anyMatch(p -> !p.isAlive()))
          .ignoreExceptions()
          .until(() -> cluster.allReady(UpstreamPushgateway.routePrefix(flags)));
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private boolean allReady(String prefix) {
    for (int i = 0; i < processes.size(); i++) {
      if (Http.send(httpPorts.get(i), Http.Request.get(prefix + "/-/ready"), Duration.ofSeconds(5))
              .status()
          != 200) {
        return false;
      }
    }
    return true;
  }

  Http http() {
    return new Http("ours (3 nodes)", httpPorts);
  }

  List<Integer> httpPorts() {
    return List.copyOf(httpPorts);
  }

  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
