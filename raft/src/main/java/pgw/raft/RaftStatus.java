package pgw.raft;

import java.util.List;

/**
 * What this node knows of the Raft group right now, for {@code /api/v1/cluster} and readiness.
 *
 * @param leaderId null when no leader is known
 * @param snapshotIndex -1 before the first snapshot
 * @param logStartIndex the first index still in the log (above 0 once purged after a snapshot)
 */
public record RaftStatus(
    String id,
    String role,
    String leaderId,
    long term,
    long commitIndex,
    long appliedIndex,
    long snapshotIndex,
    long logStartIndex,
    List<RaftSettings.Peer> peers) {

  /** The role of a node whose Raft server has stopped: it will not rejoin without a restart. */
  public static final String STOPPED = "STOPPED";

  /** A status without a Raft group to describe: only the id, the role given and the peers. */
  static RaftStatus without(String id, String role, List<RaftSettings.Peer> peers) {
    return new RaftStatus(id, role, null, 0, -1, -1, -1, -1, peers);
  }

  public boolean stopped() {
    return STOPPED.equals(role);
  }

  /** Ready to serve: a leader is known and everything known to be committed is applied. */
  public boolean ready() {
    return leaderId != null && appliedIndex >= commitIndex;
  }
}
