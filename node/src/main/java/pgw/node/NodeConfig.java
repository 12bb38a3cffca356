package pgw.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 */
public record NodeConfig(
    String listenHost,
    int listenPort,
    RaftSettings raft,
    ReadConsistency readConsistency,
    boolean consistencyCheckDisabled,
    boolean adminApi,
    long maxBodyBytes) {

  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;

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
        maxBodyBytes);
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
      Duration requestTimeout,
      long logSegmentSize) {
    return new RaftSettings(
        id, peers, dir, snapshotInterval, electionMin, electionMax, requestTimeout, logSegmentSize);
  }
}
