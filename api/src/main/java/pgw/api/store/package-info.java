/**
 * The deterministic metric store: all Pushgateway semantics (push, delete, wipe, label sanitation,
 * timestamp families, the consistency check, exposition merging). Unit-tested without Raft; the
 * replicated state machine is a thin adapter over it.
 */
package pgw.api.store;
