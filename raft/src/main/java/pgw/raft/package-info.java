/**
 * Replicates the api module's {@link pgw.api.store.MetricStore} with Apache Ratis: the command and
 * snapshot formats, the state machine adapter, and the node's Raft server and client. Knows nothing
 * about HTTP.
 */
package pgw.raft;
