package pgw.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a node's Raft server and client need, validated on construction.
 *
 * @param selfId this node's id; one of {@code peers}
 * @param peers every member of the group, this node included
 * @param storageDir where the Raft log, metadata and snapshots live
 * @param snapshotInterval applied entries between automatic snapshots
 * @param electionTimeoutMin lower bound of the randomised election timeout
 * @param electionTimeoutMax upper bound of the randomised election timeout
 * @param requestTimeout how long a write or a linearizable read may take before the node answers
 *     that it is unavailable (nothing sent) or that the outcome is unknown (sent)
 * @param logSegmentSize bytes per log segment; only whole segments are purged after a snapshot
 */
public record RaftSettings(
    String selfId,
    List<Peer> peers,
    Path storageDir,
    long snapshotInterval,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    Duration requestTimeout,
    long logSegmentSize) {

  public static final long DEFAULT_SNAPSHOT_INTERVAL = 10_000;
  public static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofMillis(1000);
  public static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofMillis(2000);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final long DEFAULT_LOG_SEGMENT_SIZE = 8L << 20;

  /** A member of the Raft group: its id and the {@code host:port} of its Raft (gRPC) server. */
  public record Peer(String id, String address) {
    public Peer {
      if (id == null || !id.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("invalid peer id \"" + id + "\"");
      }
      int colon = address == null ? -1 : address.lastIndexOf(':');
      if (colon <= 0 || !address.substring(colon + 1).matches("\\d{1,5}")) {
        throw new IllegalArgumentException(
            "peer " + id + ": address \"" + address + "\" is not host:port");
      }
    }

    public String host() {
      return address.substring(0, address.lastIndexOf(':'));
    }

    public int port() {
      return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
  }

  public RaftSettings {
    Objects.requireNonNull(selfId);
    peers = List.copyOf(peers);
    Objects.requireNonNull(storageDir);
    if (peers.stream().noneMatch(p -> p.id().equals(selfId))) {
      throw new IllegalArgumentException(
          "this node's id \"" + selfId + "\" is not among the peers");
    }
    if (peers.stream().map(Peer::id).distinct().count() != peers.size()) {
      throw new IllegalArgumentException("peer ids must be unique");
    }
    if (snapshotInterval < 1) {
      throw new IllegalArgumentException("snapshot interval must be at least 1");
    }
    if (electionTimeoutMin.compareTo(electionTimeoutMax) >= 0) {
      throw new IllegalArgumentException("election timeout min must be below max");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive");
    }
  }

  /** A one-member group: the embedded default. */
  public static RaftSettings single(String id, String address, Path storageDir) {
    return new RaftSettings(
        id,
        List.of(new Peer(id, address)),
        storageDir,
        DEFAULT_SNAPSHOT_INTERVAL,
        DEFAULT_ELECTION_TIMEOUT_MIN,
        DEFAULT_ELECTION_TIMEOUT_MAX,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_LOG_SEGMENT_SIZE);
  }

  public Peer self() {
    return peers.stream().filter(p -> p.id().equals(selfId)).findFirst().orElseThrow();
  }

  /** Parses {@code id=host:port,id=host:port}. */
  public static List<Peer> parsePeers(String spec) {
    return java.util.Arrays.stream(spec.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(
            s -> {
              int eq = s.indexOf('=');
              if (eq <= 0) {
                throw new IllegalArgumentException("peer \"" + s + "\" is not id=host:port");
              }
              return new Peer(s.substring(0, eq), s.substring(eq + 1));
            })
        .toList();
  }
}
