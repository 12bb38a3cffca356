/**
 * The Pushgateway's data model: grouping keys, metric families and their data points. No Raft, no
 * HTTP: everything here is plain immutable values that the store, the formats and the replication
 * layer share.
 */
package pgw.api;
