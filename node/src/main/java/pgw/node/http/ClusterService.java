package pgw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Supplier;
import pgw.raft.RaftSettings;
import pgw.raft.RaftStatus;

/** {@code GET /api/v1/cluster}: this node's view of the Raft group, as JSON. */
public final class ClusterService {
  private final Supplier<RaftStatus> status;

  public ClusterService(Supplier<RaftStatus> status) {
    this.status = status;
  }

  public void cluster(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(json(status.get()));
  }

  static String json(RaftStatus s) {
    StringBuilder peers = new StringBuilder("[");
    for (RaftSettings.Peer p : s.peers()) {
      if (peers.length() > 1) {
        peers.append(',');
      }
      peers.append("{\"id\":").append(Json.string(p.id()));
      peers.append(",\"address\":").append(Json.string(p.address())).append('}');
    }
    peers.append(']');
    return "{\"status\":\"success\",\"data\":{"
        + "\"id\":"
        + Json.string(s.id())
        + ",\"role\":"
        + Json.string(s.role())
        + ",\"leaderId\":"
        + (s.leaderId() == null ? "null" : Json.string(s.leaderId()))
        + ",\"term\":"
        + s.term()
        + ",\"commitIndex\":"
        + s.commitIndex()
        + ",\"appliedIndex\":"
        + s.appliedIndex()
        + ",\"snapshotIndex\":"
        + s.snapshotIndex()
        + ",\"logStartIndex\":"
        + s.logStartIndex()
        + ",\"ready\":"
        + s.ready()
        + ",\"peers\":"
        + peers
        + "}}";
  }
}
