package pgw.api.gateway;

/** What a read promises about the writes it reflects. */
public enum ReadConsistency {
  /**
   * Reflects every write acknowledged, by any node, before the read began (a read barrier through
   * the Raft log). Costs one commit; fails with {@link GatewayException.Unavailable} when that
   * cannot be confirmed in time, rather than answering with stale data.
   */
  LINEARIZABLE,
  /** This node's applied state as it is: always answers, but may lag behind acknowledged writes. */
  LOCAL
}
