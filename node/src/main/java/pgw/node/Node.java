package pgw.node;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import pgw.api.gateway.Gateway;
import pgw.raft.RaftGateway;
import pgw.raft.RaftNode;

/** A running node: its Raft server and its web server, started and stopped in the right order. */
public final class Node implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Node.class.getName());

  /** Long grouping keys live in the request line (decision D19: URLs up to 64 KiB). */
  private static final int MAX_REQUEST_LINE = 64 * 1024 + 16;

  /** Per member asked to take over; see {@link RaftNode#stepDown}. */
  private static final Duration STEP_DOWN_TIMEOUT = Duration.ofSeconds(3);

  private static final Duration IN_FLIGHT_SLACK = Duration.ofSeconds(1);

  private final NodeConfig config;
  private final RaftNode raft;
  private final WebServer web;

  private Node(NodeConfig config, RaftNode raft, WebServer web) {
    this.config = config;
    this.raft = raft;
    this.web = web;
  }

  public static Node start(NodeConfig config) throws IOException {
    RaftNode raft = RaftNode.start(config.raft());
    try {
      Gateway gateway = new RaftGateway(raft, Clock.systemUTC());
      WebServer web =
          WebServer.builder()
              .host(config.listenHost().isEmpty() ? "0.0.0.0" : config.listenHost())
              .port(config.listenPort())
              .shutdownHook(false)
              // Helidon's default (0.5 s) would cut off pushes still waiting for their commit.
              .shutdownGracePeriod(config.raft().requestTimeout().plus(IN_FLIGHT_SLACK))
              .maxPayloadSize(config.maxBodyBytes())
              .addProtocol(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE).build())
              .routing(r -> Routes.routing(r, gateway, raft::status, config))
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
      return new Node(config, raft, web);
    } catch (RuntimeException e) {
      raft.close();
      throw e;
    }
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
