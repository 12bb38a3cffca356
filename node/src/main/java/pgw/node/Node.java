package pgw.node;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import pgw.api.gateway.Gateway;
import pgw.node.http.ErrorHandlers;
import pgw.node.metrics.NodeMetrics;
import pgw.raft.RaftGateway;
import pgw.raft.RaftNode;

/** A running node: its Raft server and its web server, started and stopped in the right order. */
public final class Node implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Node.class.getName());

  /** Long grouping keys live in the request line (decision D19: URLs up to 64 KiB). */
  private static final int MAX_URL = 64 * 1024;

  private static final int MAX_REQUEST_LINE = MAX_URL + 16;

  /** Per member asked to take over; see {@link RaftNode#stepDown}. */
  private static final Duration STEP_DOWN_TIMEOUT = Duration.ofSeconds(3);

  private static final Duration IN_FLIGHT_SLACK = Duration.ofSeconds(1);

  private final NodeConfig config;
  private final RaftNode raft;
  private final WebServer web;
  private final CompletableFuture<Void> quitRequested;

  private Node(
      NodeConfig config, RaftNode raft, WebServer web, CompletableFuture<Void> quitRequested) {
    this.config = config;
    this.raft = raft;
    this.web = web;
    this.quitRequested = quitRequested;
  }

  public static Node start(NodeConfig config) throws IOException {
    RaftNode raft = RaftNode.start(config.raft());
    try {
      Gateway gateway = new RaftGateway(raft, Clock.systemUTC());
      NodeMetrics metrics = new NodeMetrics(raft::status, BuildInfo.metricLabels());
      CompletableFuture<Void> quit = new CompletableFuture<>();
      WebServer web =
          WebServer.builder()
              .host(config.listenHost().isEmpty() ? "0.0.0.0" : config.listenHost())
              .port(config.listenPort())
              .shutdownHook(false)
              // Helidon's default (0.5 s) would cut off pushes still waiting for their commit.
              .shutdownGracePeriod(config.raft().requestTimeout().plus(IN_FLIGHT_SLACK))
              // The push handler enforces the limit and answers 413 while Helidon still reads the
              // rest of the body, so the client sees the answer instead of a reset connection.
              // Helidon's own cap, past which it closes the connection, lies well above it.
              .maxPayloadSize(wireLimit(config.maxBodyBytes()))
              // Bodies are decoded by the push handler, as upstream does (Pushgateway §2.3).
              .contentEncoding(NoContentEncoding.INSTANCE)
              .directHandlers(ErrorHandlers.direct(config.maxBodyBytes(), MAX_URL))
              .addProtocol(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE).build())
              .routing(
                  r ->
                      Routes.routing(
                          r, gateway, raft::status, config, metrics, () -> quit.complete(null)))
              .build()
              .start();
      LOG.info(
          () ->
              "node "
                  + config.raft().selfId()
                  + " serving HTTP on port "
                  + web.port()
                  + ", Raft on "
                  + config.raft().self().address()
                  + ", data in "
                  + config.dataDir().toAbsolutePath());
      return new Node(config, raft, web, quit);
    } catch (RuntimeException e) {
      raft.close();
      throw e;
    }
  }

  private static long wireLimit(long maxBodyBytes) {
    return maxBodyBytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : maxBodyBytes * 4;
  }

  public int httpPort() {
    return web.port();
  }

  public RaftNode raft() {
    return raft;
  }

  public NodeConfig config() {
    return config;
  }

  /**
   * Completes when a client asked this node to quit ({@code /-/quit} with {@code
   * --web.enable-lifecycle}); whoever started the node then shuts it down as on SIGTERM.
   */
  public CompletableFuture<Void> quitRequested() {
    return quitRequested;
  }

  /**
   * Stops taking requests and lets those in flight finish, hands leadership to another node if this
   * one leads (so that the cluster does not wait an election timeout), then closes Raft, which
   * writes a final snapshot.
   */
  @Override
  public void close() throws IOException {
    web.stop();
    if ("LEADER".equals(raft.status().role()) && raft.settings().peers().size() > 1) {
      raft.stepDown(STEP_DOWN_TIMEOUT);
    }
    raft.close();
  }
}
