package pgw.node.compat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus-pushgateway} 1.5.1, the reference implementation, run by the test on a
 * free loopback port with persistence off (Debian's default file would be shared state).
 */
final class UpstreamPushgateway implements AutoCloseable {
  private final Process process;
  private final int port;

  private UpstreamPushgateway(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the binary with {@code extraFlags} and waits until it answers {@code /-/healthy}. */
  static UpstreamPushgateway start(Path logFile, String... extraFlags) throws IOException {
    Path binary = DebianPackages.pushgateway();
    int port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.add("--web.listen-address=127.0.0.1:" + port);
    cmd.add("--persistence.file=");
    cmd.add("--log.level=warn");
    cmd.addAll(List.of(extraFlags));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    UpstreamPushgateway gw = new UpstreamPushgateway(p, port);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .failFast("pushgateway exited; see " + logFile, () -> !p.isAlive())
          .ignoreExceptions()
          .until(
              () -> {
                return Http.send(
                            port,
                            Http.Request.get(routePrefix(List.of(extraFlags)) + "/-/healthy"),
                            Duration.ofSeconds(2))
                        .status()
                    == 200;
              });
    } catch (RuntimeException e) {
      gw.close();
      throw e;
    }
    return gw;
  }

  /** The route prefix the flags give (spec §1.7), for health probes: "" or "/foo". */
  static String routePrefix(List<String> flags) {
    String prefix = "";
    for (String f : flags) {
      if (f.startsWith("--web.external-url=") && prefix.isEmpty()) {
        prefix = java.net.URI.create(f.substring(f.indexOf('=') + 1)).getPath();
      } else if (f.startsWith("--web.route-prefix=")) {
        prefix = f.substring(f.indexOf('=') + 1);
      }
    }
    prefix = prefix.replaceAll("^/+|/+$", "");
    return prefix.isEmpty() ? "" : "/" + prefix;
  }

  int port() {
    return port;
  }

  Http http() {
    return new Http("upstream 1.5.1", List.of(port));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
