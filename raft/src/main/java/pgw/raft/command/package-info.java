/** Replicated operations and their versioned binary form: what travels through the Raft log. */
package pgw.raft.command;
