package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import pgw.chaos.NodeProcess;

/**
 * haproxy as a stand-in for a Kubernetes Service: plain TCP, round-robin over the nodes, and only
 * over ready ones (its health check plays the readiness probe and the endpoints controller).
 */
public final class Haproxy implements AutoCloseable {
  private final int port;
  private final Process process;

  private Haproxy(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  public static Haproxy start(Path dir, List<NodeProcess> nodes) {
    Debian.install("haproxy");
    int port = Processes.freePort();
    StringBuilder cfg =
        new StringBuilder(
            """
            global
              maxconn 2000
            defaults
              mode tcp
              timeout connect 1s
              timeout client 60s
              timeout server 60s
            frontend service
              bind 127.0.0.1:%d
              default_backend pods
            backend pods
              balance roundrobin
              # HTTP/1.1: the node (Helidon 4) does not answer HTTP/1.0, haproxy's default.
              option httpchk
              http-check send meth GET uri /-/ready ver HTTP/1.1 hdr Host localhost
              http-check expect status 200
              default-server inter 1s fall 2 rise 1
            """
                .formatted(port));
    for (NodeProcess n : nodes) {
      cfg.append("  server %s 127.0.0.1:%d check%n".formatted(n.id(), n.httpPort()));
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("haproxy.cfg"), cfg);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process p =
        Processes.start(
            List.of("haproxy", "-db", "-f", dir.resolve("haproxy.cfg").toString()),
            Map.of(),
            dir.resolve("haproxy.log"));
    await("haproxy listening on " + port)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> p.isAlive() && accepts(port));
    return new Haproxy(port, p);
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  public String url() {
    return "http://" + address();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
