package pgw.node.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Supplier;
import pgw.raft.RaftStatus;

/**
 * {@code /-/healthy}: the process serves requests; it never depends on quorum, or Kubernetes would
 * restart healthy pods during a partition. {@code /-/ready}: a leader is known and this replica has
 * applied everything it knows to be committed.
 */
public final class HealthService {
  private final Supplier<RaftStatus> status;

  public HealthService(Supplier<RaftStatus> status) {
    this.status = status;
  }

  public void healthy(ServerRequest req, ServerResponse res) {
    TextResponses.text(res, Status.OK_200, "OK");
  }

  public void ready(ServerRequest req, ServerResponse res) {
    RaftStatus s = status.get();
    if (s.ready()) {
      TextResponses.text(res, Status.OK_200, "OK");
    } else if (s.leaderId() == null) {
      TextResponses.error(res, Status.SERVICE_UNAVAILABLE_503, "not ready: no Raft leader known");
    } else {
      TextResponses.error(
          res,
          Status.SERVICE_UNAVAILABLE_503,
          "not ready: applied index "
              + s.appliedIndex()
              + " behind commit index "
              + s.commitIndex());
    }
  }
}
