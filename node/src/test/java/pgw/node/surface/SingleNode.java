package pgw.node.surface;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import pgw.node.Node;
import pgw.node.NodeConfig;
import pgw.raft.RaftSettings;

/** One real node (a one-member Raft group over gRPC on loopback, Helidon on an ephemeral port). */
final class SingleNode implements AutoCloseable {
  final Node node;
  final Probe http;

  SingleNode(Path dir, UnaryOperator<NodeConfig> configure) throws IOException {
    var peer = new RaftSettings.Peer("s0", "127.0.0.1:" + freePort());
    var raft =
        new RaftSettings(
            "s0",
            List.of(peer),
            dir,
            10_000,
            Duration.ofMillis(300),
            Duration.ofMillis(600),
            Duration.ofSeconds(10),
            RaftSettings.DEFAULT_LOG_SEGMENT_SIZE);
    node = Node.start(configure.apply(NodeConfig.forTest(raft)));
    http = new Probe(node.httpPort());
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    node.close();
  }
}
