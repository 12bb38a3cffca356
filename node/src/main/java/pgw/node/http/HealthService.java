package pgw.node.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Supplier;
import pgw.api.gateway.Gateway;
import pgw.api.gateway.GatewayException;
import pgw.api.gateway.ReadConsistency;
import pgw.raft.RaftStatus;

/**
 * {@code /-/healthy}: the process serves requests and its Raft server runs; it never depends on
 * quorum, or Kubernetes would restart healthy pods during a partition. {@code /-/ready}: this
 * replica can answer a linearizable scrape now: a leader confirmed its commit index and this
 * replica has applied that far. A restarted or lagging node stays unready until it has caught up,
 * so a rolling update waits for it.
 */
public final class HealthService {
  private final Supplier<RaftStatus> status;
  private final Gateway gateway;

  public HealthService(Supplier<RaftStatus> status, Gateway gateway) {
    this.status = status;
    this.gateway = gateway;
  }

  public void healthy(ServerRequest req, ServerResponse res) {
    if (status.get().stopped()) {
      TextResponses.error(
          res,
          Status.SERVICE_UNAVAILABLE_503,
          "unhealthy: this node's Raft server has stopped and will not rejoin; restart the node");
      return;
    }
    TextResponses.text(res, Status.OK_200, "OK");
  }

  public void ready(ServerRequest req, ServerResponse res) {
    if (status.get().leaderId() == null) {
      TextResponses.error(res, Status.SERVICE_UNAVAILABLE_503, "not ready: no Raft leader known");
      return;
    }
    try {
      gateway.read(ReadConsistency.LINEARIZABLE);
    } catch (GatewayException.Unavailable e) {
      TextResponses.error(res, Status.SERVICE_UNAVAILABLE_503, "not ready: " + e.getMessage());
      return;
    }
    TextResponses.text(res, Status.OK_200, "OK");
  }
}
