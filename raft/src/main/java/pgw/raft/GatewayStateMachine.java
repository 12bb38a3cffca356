package pgw.raft;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import pgw.api.store.MetricStore;
import pgw.api.store.PushResult;
import pgw.api.store.StoreView;
import pgw.raft.codec.CodecException;
import pgw.raft.command.Command;
import pgw.raft.command.CommandCodec;
import pgw.raft.snapshot.SnapshotCodec;
import pgw.raft.snapshot.SnapshotWriter;

/**
 * The Ratis state machine: a thin adapter that decodes each committed {@link Command} and applies
 * it to the api module's {@link MetricStore}.
 *
 * <p>Contract: apply is deterministic. Time comes from the command, the store iterates in sorted
 * order, and nothing here reads clocks or random sources, so every replica that applies the same
 * log holds the same store. Ratis applies entries on one thread; a lock guards the store against
 * the readers ({@link #view()}) and the snapshot capture. Snapshot files are written by {@link
 * SnapshotWriter} off the apply thread, from an immutable view captured under the lock.
 */
public final class GatewayStateMachine extends BaseStateMachine {
  private static final long APPLIED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final Object lock = new Object();
  private final SnapshotWriter snapshots;
  private MetricStore store = new MetricStore();

  /** {@code snapshotInterval}: applied entries between snapshots, as configured in Ratis. */
  public GatewayStateMachine(long snapshotInterval) {
    this.snapshots = new SnapshotWriter(storage, snapshotInterval);
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    // BaseStateMachine leaves its LifeCycle to us; snapshot installation requires it to be driven.
    getLifeCycle()
        .startAndTransition(
            () -> {
              storage.init(raftStorage);
              load(storage.loadLatestSnapshot());
            });
  }

  /** Called by Ratis before it installs a snapshot sent by the leader. */
  @Override
  public void pause() {
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    snapshots.awaitPending();
    getLifeCycle().transition(LifeCycle.State.PAUSED);
  }

  /** Called by Ratis after a snapshot was installed: replace the store with its contents. */
  @Override
  public void reinitialize() throws IOException {
    getLifeCycle().startAndTransition(() -> load(storage.loadLatestSnapshot()));
  }

  @Override
  public SimpleStateMachineStorage getStateMachineStorage() {
    return storage;
  }

  /** Rejects undecodable commands before they reach the log; keeps the decoded form for apply. */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    TransactionContext trx = super.startTransaction(request);
    try {
      trx.setStateMachineContext(
          CommandCodec.decodeBatch(request.getMessage().getContent().toByteArray()));
    } catch (CodecException e) {
      trx.setException(e);
    }
    return trx;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    List<Command> commands;
    try {
      commands =
          trx.getStateMachineContext() instanceof List<?> decoded
              ? decoded.stream().map(Command.class::cast).toList()
              : CommandCodec.decodeBatch(
                  entry.getStateMachineLogEntry().getLogData().toByteArray());
    } catch (CodecException e) {
      // Only a replica older than the leader meets a command it cannot read; applying anything
      // else would make it diverge silently.
      LOG.error("{}: cannot apply entry {}: {}", getId(), entry.getIndex(), e.getMessage());
      return CompletableFuture.failedFuture(e);
    }
    List<PushResult> results = new ArrayList<>(commands.size());
    synchronized (lock) {
      for (Command command : commands) {
        results.add(apply(command));
      }
      updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    }
    // An entry without commands is a read barrier (RaftGateway.read): its answer is the index the
    // reading replica must apply before it serves its view.
    byte[] reply =
        commands.isEmpty()
            ? CommandCodec.encodeBarrierIndex(entry.getIndex())
            : CommandCodec.encodeResults(results);
    return CompletableFuture.completedFuture(
        Message.valueOf(UnsafeByteOperations.unsafeWrap(reply)));
  }

  /** Applies one command to the store; the seam unit tests use. Caller holds the lock. */
  PushResult apply(Command command) {
    return switch (command) {
      case Command.Push p -> store.push(p.key(), p.mode(), p.families(), p.timeNanos());
      case Command.Delete d -> {
        store.delete(d.key());
        yield PushResult.ACCEPTED;
      }
      case Command.Wipe w -> {
        store.wipe();
        yield PushResult.ACCEPTED;
      }
    };
  }

  /** Waits until this replica has applied the entry at {@code index}; false at the deadline. */
  public boolean awaitApplied(long index, long deadlineNanos) {
    while (getLastAppliedTermIndex().getIndex() < index) {
      if (System.nanoTime() - deadlineNanos >= 0) {
        return false;
      }
      LockSupport.parkNanos(APPLIED_POLL_NANOS);
    }
    return true;
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex applied;
    StoreView view;
    synchronized (lock) {
      applied = getLastAppliedTermIndex();
      view = store.view();
    }
    return snapshots.offer(applied, view);
  }

  /** Makes later snapshots (Ratis takes one when it stops) complete before they are reported. */
  public void prepareForShutdown() {
    snapshots.writeSynchronously();
  }

  /** The applied state; never blocks for long, whatever the store's size. */
  public StoreView view() {
    synchronized (lock) {
      return store.view();
    }
  }

  public long lastSnapshotIndex() {
    return snapshots.lastCompletedIndex();
  }

  @Override
  public void close() throws IOException {
    getLifeCycle().checkStateAndClose(snapshots::close);
  }

  private void load(SingleFileSnapshotInfo snapshot) throws IOException {
    if (snapshot == null) {
      return;
    }
    var path = snapshot.getFile().getPath();
    if (snapshot.getFile().getFileDigest() != null) {
      MD5FileUtil.verifySavedMD5(path.toFile(), snapshot.getFile().getFileDigest());
    }
    SnapshotCodec.Contents contents;
    try (InputStream in = Files.newInputStream(path)) {
      contents = SnapshotCodec.read(in);
    } catch (CodecException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
    TermIndex named = snapshot.getTermIndex();
    if (contents.term() != named.getTerm() || contents.index() != named.getIndex()) {
      throw new IOException(path + ": holds " + contents.index() + " but is named " + named);
    }
    MetricStore restored = MetricStore.restore(contents.groups());
    synchronized (lock) {
      store = restored;
      updateLastAppliedTermIndex(named);
    }
    snapshots.loaded(named.getIndex());
    LOG.info("{}: loaded snapshot {} ({} groups)", getId(), named, contents.groups().size());
  }
}
