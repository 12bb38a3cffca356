package pgw.raft;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import pgw.api.store.PushResult;
import pgw.raft.codec.CodecException;
import pgw.raft.command.CommandCodec;

/**
 * Group commit: writes that arrive while earlier ones are in flight wait and then go together, as
 * one Raft log entry. Replicating and syncing an entry costs about the same whether it holds one
 * push or a hundred, so under load the cost per push falls instead of requests queueing in Ratis.
 *
 * <p>Order is arrival order at this node, which is as good as any for concurrent writes; a client
 * that waits for its answer before its next write still sees them applied in its own order.
 */
final class GroupCommit {
  /**
   * Batches stop growing here; a single larger push still goes in an entry of its own, up to {@link
   * RaftNode#MAX_COMMAND_BYTES}. Small entries keep followers' appends and fsyncs short while a
   * large push is being replicated.
   */
  private static final int MAX_BATCH_BYTES = 2 << 20;

  private static final int MAX_BATCH_COMMANDS = 1024;

  /** A write waiting to be sent: its encoded command and the caller's answer. */
  record Pending(byte[] command, CompletableFuture<PushResult> answer) {}

  private final Function<byte[], CompletableFuture<byte[]>> send;
  private final int maxInFlight;
  private final Duration timeout;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  /**
   * {@code send} proposes one log entry and completes with the state machine's reply; at most
   * {@code maxInFlight} entries are proposed at a time by this node. An entry unanswered after
   * {@code timeout} gives up its slot (its writes' outcome is then unknown), so that a call stuck
   * on a lost leader cannot hold up the writes behind it.
   */
  GroupCommit(Function<byte[], CompletableFuture<byte[]>> send, int maxInFlight, Duration timeout) {
    this.send = send;
    this.maxInFlight = maxInFlight;
    this.timeout = timeout;
  }

  Pending propose(byte[] command) {
    Pending pending = new Pending(command, new CompletableFuture<>());
    synchronized (this) {
      queue.add(pending);
    }
    sendSome();
    return pending;
  }

  /** Takes a write back if it was not sent yet: then it certainly was not applied. */
  synchronized boolean withdraw(Pending pending) {
    return queue.remove(pending);
  }

  private void sendSome() {
    List<Pending> batch = new ArrayList<>();
    synchronized (this) {
      if (inFlight >= maxInFlight || queue.isEmpty()) {
        return;
      }
      long bytes = 0;
      while (!queue.isEmpty() && batch.size() < MAX_BATCH_COMMANDS) {
        int size = queue.peek().command().length;
        if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
          break;
        }
        bytes += size;
        batch.add(queue.poll());
      }
      inFlight++;
    }
    byte[] entry = CommandCodec.encodeBatch(batch.stream().map(Pending::command).toList());
    send.apply(entry)
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete(
            (reply, failure) -> {
              synchronized (this) {
                inFlight--;
              }
              answer(batch, reply, failure);
              sendSome();
            });
  }

  private static void answer(List<Pending> batch, byte[] reply, Throwable failure) {
    if (failure instanceof CompletionException wrapped && wrapped.getCause() != null) {
      failure = wrapped.getCause();
    }
    if (failure == null) {
      try {
        List<PushResult> results = CommandCodec.decodeResults(reply);
        if (results.size() != batch.size()) {
          failure = new CodecException(results.size() + " results for " + batch.size() + " writes");
        } else {
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(results.get(i));
          }
          return;
        }
      } catch (CodecException e) {
        failure = e;
      }
    }
    for (Pending p : batch) {
      p.answer().completeExceptionally(failure);
    }
  }
}
