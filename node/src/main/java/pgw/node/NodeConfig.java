package pgw.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import pgw.api.gateway.ReadConsistency;
import pgw.raft.RaftSettings;

/**
 * Everything a node is configured with. Built only by {@link Flags}, from command-line flags and
 * {@code PGW_*} environment variables.
 *
 * @param listenHost HTTP host to bind ({@code ""} for every interface)
 * @param listenPort HTTP port ({@code 0} picks a free one, for tests)
 * @param raft the Raft settings, validated
 * @param readConsistency what {@code GET /metrics} promises
 * @param consistencyCheckDisabled {@code --push.disable-consistency-check}: successful pushes
 *     answer 202 instead of 200 (decision D10); the check itself always runs
 * @param adminApi {@code --web.enable-admin-api}: {@code PUT /api/v1/admin/wipe}
 * @param maxBodyBytes largest accepted request body (decision D19)
 * @param routePrefix every route's prefix (Pushgateway §1.7): {@code ""} or {@code /a/b}
 * @param telemetryPath {@code --web.telemetry-path}, below the route prefix
 * @param lifecycleApi {@code --web.enable-lifecycle}: {@code PUT}/{@code POST /-/quit}
 * @param flagValues every flag's value as {@code /api/v1/status} reports it
 */
public record NodeConfig(
    String listenHost,
    int listenPort,
    RaftSettings raft,
    ReadConsistency readConsistency,
    boolean consistencyCheckDisabled,
    boolean adminApi,
    long maxBodyBytes,
    String routePrefix,
    String telemetryPath,
    boolean lifecycleApi,
    Map<String, String> flagValues) {

  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;
  public static final String DEFAULT_TELEMETRY_PATH = "/metrics";

  public NodeConfig {
    flagValues = Map.copyOf(flagValues);
  }

  /** Upstream's defaults for everything added since the first version of this record. */
  public NodeConfig(
      String listenHost,
      int listenPort,
      RaftSettings raft,
      ReadConsistency readConsistency,
      boolean consistencyCheckDisabled,
      boolean adminApi,
      long maxBodyBytes) {
    this(
        listenHost,
        listenPort,
        raft,
        readConsistency,
        consistencyCheckDisabled,
        adminApi,
        maxBodyBytes,
        "",
        DEFAULT_TELEMETRY_PATH,
        false,
        Map.of());
  }

  /** A single-node configuration on loopback, for tests: ephemeral HTTP port. */
  public static NodeConfig forTest(RaftSettings raft) {
    return new NodeConfig(
        "127.0.0.1", 0, raft, ReadConsistency.LINEARIZABLE, false, true, DEFAULT_MAX_BODY_BYTES);
  }

  public NodeConfig withReadConsistency(ReadConsistency consistency) {
    return new NodeConfig(
        listenHost,
        listenPort,
        raft,
        consistency,
        consistencyCheckDisabled,
        adminApi,
        maxBodyBytes,
        routePrefix,
        telemetryPath,
        lifecycleApi,
        flagValues);
  }

  /** For tests: the same node with other web settings. */
  public NodeConfig withWeb(
      String routePrefix, boolean lifecycleApi, boolean adminApi, long maxBodyBytes) {
    return new NodeConfig(
        listenHost,
        listenPort,
        raft,
        readConsistency,
        consistencyCheckDisabled,
        adminApi,
        maxBodyBytes,
        routePrefix,
        telemetryPath,
        lifecycleApi,
        flagValues);
  }

  public Path dataDir() {
    return raft.storageDir();
  }

  static RaftSettings raftSettings(
      String id,
      List<RaftSettings.Peer> peers,
      Path dir,
      long snapshotInterval,
      Duration electionMin,
      Duration electionMax,
      Duration requestTimeout) {
    return new RaftSettings(
        id,
        peers,
        dir,
        snapshotInterval,
        electionMin,
        electionMax,
        requestTimeout,
        RaftSettings.DEFAULT_LOG_SEGMENT_SIZE);
  }
}
