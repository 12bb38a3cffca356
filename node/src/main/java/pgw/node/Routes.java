package pgw.node;

import io.helidon.webserver.http.HttpRouting;
import java.util.function.Supplier;
import pgw.api.PushMode;
import pgw.api.gateway.Gateway;
import pgw.node.http.AdminService;
import pgw.node.http.ClusterService;
import pgw.node.http.ErrorHandlers;
import pgw.node.http.HealthService;
import pgw.node.http.PushService;
import pgw.node.http.ScrapeService;
import pgw.raft.RaftStatus;

/** The whole URL table of a node, in one place; tests build their routing with it too. */
public final class Routes {
  private Routes() {}

  public static void routing(
      HttpRouting.Builder routing,
      Gateway gateway,
      Supplier<RaftStatus> status,
      NodeConfig config) {
    var push = new PushService(gateway, config.consistencyCheckDisabled());
    var scrape = new ScrapeService(gateway, config.readConsistency());
    var health = new HealthService(status);
    ErrorHandlers.register(routing);
    routing
        // The real Java client sends /metrics/job@base64/..., so match everything below /metrics.
        .put("/metrics/{+}", (req, res) -> push.push(req, res, PushMode.REPLACE_GROUP))
        .post("/metrics/{+}", (req, res) -> push.push(req, res, PushMode.REPLACE_SAME_NAMES))
        .delete("/metrics/{+}", push::delete)
        .get("/metrics", scrape::scrape)
        .get("/-/healthy", health::healthy)
        .get("/-/ready", health::ready)
        .get("/api/v1/cluster", new ClusterService(status)::cluster);
    if (config.adminApi()) {
      routing.put("/api/v1/admin/wipe", new AdminService(gateway)::wipe);
    }
  }
}
