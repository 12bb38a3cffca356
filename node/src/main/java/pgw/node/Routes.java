package pgw.node;

import static io.helidon.http.Method.DELETE;
import static io.helidon.http.Method.GET;
import static io.helidon.http.Method.OPTIONS;
import static io.helidon.http.Method.POST;
import static io.helidon.http.Method.PUT;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.time.Instant;
import java.util.function.Supplier;
import pgw.api.PushMode;
import pgw.api.gateway.Gateway;
import pgw.node.http.AdminService;
import pgw.node.http.ApiService;
import pgw.node.http.ClusterService;
import pgw.node.http.ErrorHandlers;
import pgw.node.http.HealthService;
import pgw.node.http.Instrumented;
import pgw.node.http.LifecycleService;
import pgw.node.http.OwnMetricsService;
import pgw.node.http.PushService;
import pgw.node.http.Router;
import pgw.node.http.Router.Below;
import pgw.node.http.Router.Exact;
import pgw.node.http.ScrapeService;
import pgw.node.http.StatusPage;
import pgw.node.metrics.NodeMetrics;
import pgw.raft.RaftStatus;

/**
 * The whole URL table of a node, in one place; tests build their routing with it too. Every route
 * lives under {@code --web.route-prefix} ({@code p} below), except upstream's {@code GET /-/quit}
 * hint (Pushgateway §1.7). The handler names are those of {@code pushgateway_http_requests_total}.
 */
public final class Routes {
  private Routes() {}

  public static void routing(
      HttpRouting.Builder routing,
      Gateway gateway,
      Supplier<RaftStatus> status,
      NodeConfig config,
      NodeMetrics metrics,
      Runnable quit) {
    var push =
        new PushService(
            gateway,
            config.consistencyCheckDisabled(),
            config.routePrefix(),
            config.maxBodyBytes());
    var scrape = new ScrapeService(gateway, config.readConsistency());
    var health = new HealthService(status, gateway);
    var api =
        new ApiService(
            gateway,
            config.readConsistency(),
            config.flagValues(),
            BuildInfo.apiFields(),
            startNanos());
    var lifecycle = new LifecycleService(config.lifecycleApi(), quit);
    var own = new OwnMetricsService(metrics);
    var page = new StatusPage(gateway, config.readConsistency());
    String p = config.routePrefix();
    String v1 = p + "/api/v1/";
    Counting c = (name, handler) -> Instrumented.counted(metrics, name, handler);

    Router router = new Router();
    for (String job : new String[] {"/metrics/job/", "/metrics/job@base64/"}) {
      // The real Java client sends /metrics/job@base64/...; the key is parsed from the raw path.
      router
          .add(
              PUT,
              new Below(p + job, true),
              c.of("push", (q, r) -> push.push(q, r, PushMode.REPLACE_GROUP)))
          .add(
              POST,
              new Below(p + job, true),
              c.of("push", (q, r) -> push.push(q, r, PushMode.REPLACE_SAME_NAMES)))
          .add(DELETE, new Below(p + job, true), c.of("delete", push::delete));
    }
    router
        .add(GET, new Exact(p + "/"), c.of("status", page::page))
        .add(GET, new Exact(p + "/status"), c.of("status", page::page))
        .add(GET, new Exact(p + config.telemetryPath()), scrape::scrape)
        .add(GET, new Exact(p + "/-/metrics"), own::scrape)
        .add(GET, new Exact(p + "/-/healthy"), c.of("healthy", health::healthy))
        .add(GET, new Exact(p + "/-/ready"), c.of("ready", health::ready))
        .add(PUT, new Exact(p + "/-/quit"), lifecycle::quit)
        .add(POST, new Exact(p + "/-/quit"), lifecycle::quit)
        .add(GET, new Exact("/-/quit"), lifecycle::quitWrongMethod)
        .add(GET, new Exact(v1 + "status"), c.of("api/v1/status", api::status))
        .add(GET, new Exact(v1 + "metrics"), c.of("api/v1/metrics", api::metrics))
        .add(
            GET,
            new Exact(v1 + "cluster"),
            c.of("api/v1/cluster", ApiService.cors(new ClusterService(status)::cluster)))
        .add(OPTIONS, new Below(v1, false), c.of("api/v1/options", api::options));
    if (config.adminApi()) {
      router.add(
          PUT,
          new Exact(v1 + "admin/wipe"),
          c.of("wipe", ApiService.cors(new AdminService(gateway)::wipe)));
    }
    ErrorHandlers.register(routing);
    routing.any(router::handle);
  }

  private static long startNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @FunctionalInterface
  private interface Counting {
    Handler of(String name, Handler handler);
  }
}
