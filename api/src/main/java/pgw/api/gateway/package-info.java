/**
 * The port the HTTP layer calls: push, delete, wipe and read. One implementation replicates through
 * Raft; {@link pgw.api.gateway.LocalGateway} holds one store in this process, for tests of the HTTP
 * layer without Raft.
 */
package pgw.api.gateway;
