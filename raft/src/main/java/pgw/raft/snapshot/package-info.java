/** Raft snapshots of the store: their versioned, checksummed file format and their files. */
package pgw.raft.snapshot;
