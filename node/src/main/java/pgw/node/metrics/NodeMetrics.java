package pgw.node.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import pgw.raft.RaftStatus;

/**
 * One node's own metrics, in a registry of its own (several nodes may share a JVM in tests):
 * upstream's {@code pushgateway_*} metrics with their names, types, HELP and labels, the JVM and
 * process metrics of client_java, and this node's view of Raft.
 *
 * <p>Counters are registered under their full exposed name ({@code ..._total}): client_java drops
 * the suffix from the registered name and writes it back on output, so the exposed name is
 * upstream's, in the text and protobuf formats alike.
 */
public final class NodeMetrics {
  static final List<String> ROLES = List.of("LEADER", "CANDIDATE", "FOLLOWER", "LISTENER");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Summary pushDuration;
  private final Summary pushSize;

  public NodeMetrics(Supplier<RaftStatus> raft, Map<String, String> buildInfo) {
    requests =
        Counter.builder()
            .name("pushgateway_http_requests_total")
            .help("Total HTTP requests processed by the Pushgateway, excluding scrapes.")
            .labelNames("code", "handler", "method")
            .register(registry);
    pushDuration =
        summary("duration_seconds", "HTTP request duration for pushes to the Pushgateway.");
    pushSize = summary("size_bytes", "HTTP request size for pushes to the Pushgateway.");
    Info build =
        Info.builder()
            .name("pushgateway_build_info")
            .help(
                "A metric with a constant '1' value labeled by version, revision, branch,"
                    + " goversion from which pushgateway was built, and the goos and goarch for"
                    + " the build.")
            .labelNames(buildInfo.keySet().toArray(String[]::new))
            .register(registry);
    build.setLabelValues(buildInfo.values().toArray(String[]::new));
    raftGauge(raft, "pgw_raft_term", "Current Raft term as this node knows it.", RaftStatus::term);
    raftGauge(
        raft,
        "pgw_raft_commit_index",
        "Highest Raft log index this node knows to be committed.",
        RaftStatus::commitIndex);
    raftGauge(
        raft,
        "pgw_raft_applied_index",
        "Highest Raft log index applied to this node's metric store.",
        RaftStatus::appliedIndex);
    raftGauge(
        raft,
        "pgw_raft_apply_lag",
        "Committed Raft log entries this node has not applied yet.",
        s -> Math.max(0, s.commitIndex() - s.appliedIndex()));
    raftGauge(
        raft,
        "pgw_raft_snapshot_index",
        "Raft log index of this node's latest snapshot, -1 before the first.",
        RaftStatus::snapshotIndex);
    GaugeWithCallback.builder()
        .name("pgw_raft_role")
        .help("1 for this node's current Raft role, 0 for the others.")
        .labelNames("role")
        .callback(
            cb -> {
              String role = raft.get().role();
              for (String r : ROLES) {
                cb.call(r.equals(role) ? 1 : 0, r);
              }
              if (!ROLES.contains(role)) {
                cb.call(1, role);
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("pgw_raft_leader_known")
        .help("1 if this node knows a Raft leader, 0 otherwise.")
        .callback(cb -> cb.call(raft.get().leaderId() == null ? 0 : 1))
        .register(registry);
    JvmMetrics.builder().register(registry);
  }

  private Summary summary(String suffix, String help) {
    return Summary.builder()
        .name("pushgateway_http_push_" + suffix)
        .help(help)
        .quantile(0.1, 0.01)
        .quantile(0.5, 0.05)
        .quantile(0.9, 0.01)
        .maxAgeSeconds(600)
        .labelNames("method")
        .register(registry);
  }

  private void raftGauge(
      Supplier<RaftStatus> raft, String name, String help, ToLongFunction<RaftStatus> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.applyAsLong(raft.get())))
        .register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** One request answered by a counted handler (upstream counts all but scrapes and quit). */
  public void request(String handler, String method, int code) {
    requests.labelValues(Integer.toString(code), handler, method(method)).inc();
  }

  /** One push (PUT or POST): its duration and upstream's approximate request size. */
  public void push(String method, double seconds, long approximateSize) {
    pushDuration.labelValues(method(method)).observe(seconds);
    pushSize.labelValues(method(method)).observe(approximateSize);
  }

  /** promhttp's method label: lower case for the standard methods, {@code unknown} otherwise. */
  static String method(String m) {
    return switch (m) {
      case "GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE" ->
          m.toLowerCase(Locale.ROOT);
      default -> "unknown";
    };
  }
}
