package pgw.raft;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import pgw.api.GroupingKey;
import pgw.api.MetricFamily;
import pgw.api.PushMode;
import pgw.api.gateway.Gateway;
import pgw.api.gateway.GatewayException;
import pgw.api.gateway.ReadConsistency;
import pgw.api.store.PushResult;
import pgw.api.store.StoreView;
import pgw.raft.codec.CodecException;
import pgw.raft.command.Command;
import pgw.raft.command.CommandCodec;

/**
 * The gateway as the HTTP layer sees it when replicated: each write is stamped with this node's
 * clock once, encoded as a {@link Command} and proposed through the node's RaftClient, which finds
 * the leader by itself. Answers only once the command is committed and applied.
 */
public final class RaftGateway implements Gateway {
  private static final long LEADER_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /**
   * Entries this node proposes at once; more concurrent writes wait and share an entry. One is
   * fastest: each entry costs about the same CPU on three JVMs whatever it holds, so fewer, fuller
   * entries win as soon as the CPU is busy (1270–1580 pushes/s against 1010–1180 with two, 16
   * clients, three nodes on two cores, after warm-up).
   */
  private static final int ENTRIES_IN_FLIGHT = 1;

  /** A log entry holding no command: applying it changes nothing. */
  private static final Message READ_BARRIER =
      Message.valueOf(UnsafeByteOperations.unsafeWrap(CommandCodec.encodeBatch(List.of())));

  private final RaftNode node;
  private final Clock clock;
  private final GroupCommit groupCommit;

  public RaftGateway(RaftNode node, Clock clock) {
    this.node = node;
    this.clock = clock;
    this.groupCommit =
        new GroupCommit(this::sendEntry, ENTRIES_IN_FLIGHT, node.settings().requestTimeout());
  }

  @Override
  public PushResult push(GroupingKey key, PushMode mode, List<MetricFamily> families) {
    return propose(new Command.Push(key, mode, families, nowNanos()));
  }

  @Override
  public void delete(GroupingKey key) {
    propose(new Command.Delete(key, nowNanos()));
  }

  @Override
  public void wipe() {
    propose(new Command.Wipe(nowNanos()));
  }

  /**
   * Linearizable reads go through the log: an empty entry, committed by the current leader and then
   * applied here, before the local view is taken. Ratis' ReadIndex ({@code sendReadOnly}) is not
   * enough: a leader answers it without asking its followers again when nothing was committed since
   * they last acknowledged it ({@code ReadIndexHeartbeats}), so a leader cut off from the others
   * served stale scrapes until it stepped down (found by the long chaos run, round seed 1123091).
   * An entry cannot commit without a current majority, and this replica cannot apply it before
   * everything committed ahead of it.
   */
  @Override
  public StoreView read(ReadConsistency consistency) {
    if (consistency == ReadConsistency.LINEARIZABLE) {
      long deadline = deadline();
      awaitLeader(deadline, "cannot confirm that this replica is up to date");
      try {
        RaftClientReply reply = await(call(() -> node.client().io().send(READ_BARRIER)), deadline);
        if (!reply.isSuccess()) {
          throw unavailableRead(reply.getException());
        }
        long index = CommandCodec.decodeBarrierIndex(reply.getMessage().getContent().toByteArray());
        if (node.stateMachine().getLastAppliedTermIndex().getIndex() < index) {
          // A follower learns that the barrier is committed with the leader's next message; a
          // ReadIndex request makes the leader send it now instead of at its next heartbeat.
          var nudge = call(() -> node.client().io().sendReadOnly(Message.EMPTY, node.selfId()));
          nudge.exceptionally(e -> null);
        }
        if (!node.stateMachine().awaitApplied(index, deadline)) {
          throw unavailableRead(null);
        }
      } catch (TimeoutException | ExecutionException e) {
        throw unavailableRead(e);
      } catch (CodecException e) {
        throw new IllegalStateException("unreadable answer to a read barrier", e);
      }
    }
    return node.stateMachine().view();
  }

  private PushResult propose(Command command) {
    byte[] encoded = CommandCodec.encode(command);
    if (encoded.length > RaftNode.MAX_COMMAND_BYTES) {
      throw new GatewayException.TooLarge(
          "push too large for the replicated log: "
              + encoded.length
              + " bytes once encoded, at most "
              + RaftNode.MAX_COMMAND_BYTES
              + "; push fewer series at once");
    }
    long deadline = deadline();
    awaitLeader(deadline, "nothing was applied");
    GroupCommit.Pending pending = groupCommit.propose(encoded);
    try {
      return await(pending.answer(), deadline);
    } catch (TimeoutException e) {
      String waited = node.settings().requestTimeout().toMillis() + " ms";
      if (groupCommit.withdraw(pending)) {
        throw new GatewayException.Unavailable(
            "the write waited " + waited + " without being sent; nothing was applied", e);
      }
      throw unknown("no answer within " + waited, e);
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  /** Proposes one log entry; completes with the state machine's reply or Ratis' exception. */
  private CompletableFuture<byte[]> sendEntry(byte[] entry) {
    Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(entry));
    return call(() -> node.client().io().send(message))
        .thenApply(
            reply -> {
              if (!reply.isSuccess()) {
                throw new CompletionException(reply.getException());
              }
              return reply.getMessage().getContent().toByteArray();
            });
  }

  private RuntimeException failure(Throwable cause) {
    if (cause instanceof AlreadyClosedException) {
      return new GatewayException.Unavailable(
          "this node is shutting down; nothing was applied", cause);
    }
    if (cause instanceof CodecException) {
      return new IllegalStateException("unreadable result from the state machine", cause);
    }
    if (cause instanceof StateMachineException) {
      // startTransaction refused the command: a bug in this node, not something to retry.
      return new IllegalStateException("the state machine refused the command", cause);
    }
    return unknown(String.valueOf(cause), cause);
  }

  private static GatewayException unknown(String why, Throwable cause) {
    return new GatewayException.CommitUnknown(
        "the write may or may not have been applied (" + why + ")", cause);
  }

  private GatewayException unavailableRead(Throwable cause) {
    return new GatewayException.Unavailable(
        "could not confirm within "
            + node.settings().requestTimeout().toMillis()
            + " ms that this replica is up to date; not serving possibly stale data",
        cause);
  }

  /** Waits until a leader is known; a Raft election takes a few hundred milliseconds. */
  private void awaitLeader(long deadline, String consequence) {
    while (node.status().leaderId() == null) {
      if (System.nanoTime() - deadline >= 0) {
        throw new GatewayException.Unavailable("no Raft leader is known; " + consequence, null);
      }
      LockSupport.parkNanos(LEADER_POLL_NANOS);
    }
  }

  /**
   * Runs a blocking client call on its own virtual thread. Ratis' async API orders all requests of
   * a client in one sequence, so a single lost request would hold up every later one; blocking
   * calls are independent, and the caller still gets its answer by its own deadline.
   */
  private CompletableFuture<RaftClientReply> call(Callable<RaftClientReply> request) {
    CompletableFuture<RaftClientReply> reply = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("raft-call")
        .start(
            () -> {
              try {
                reply.complete(request.call());
              } catch (Exception e) {
                reply.completeExceptionally(e);
              }
            });
    return reply;
  }

  private long deadline() {
    return System.nanoTime() + node.settings().requestTimeout().toNanos();
  }

  private static <T> T await(CompletableFuture<T> future, long deadline)
      throws TimeoutException, ExecutionException {
    long remaining = Math.max(0, deadline - System.nanoTime());
    try {
      return future.get(remaining, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
