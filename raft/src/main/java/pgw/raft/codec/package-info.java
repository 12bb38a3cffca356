/** Byte-level building blocks shared by the command and snapshot formats. */
package pgw.raft.codec;
