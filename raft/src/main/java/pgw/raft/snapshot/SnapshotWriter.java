package pgw.raft.snapshot;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.AtomicFileOutputStream;
import org.apache.ratis.util.MD5FileUtil;
import pgw.api.store.StoreView;

/**
 * Writes snapshot files on its own thread, so that applying entries never waits for the disk.
 *
 * <p>Ratis asks for a snapshot on its apply thread and purges the log up to the index it is told.
 * {@link #offer} therefore starts a write of the captured view and reports the last snapshot that
 * is <em>complete</em> on disk: the log is never purged past what a restart could recover. While a
 * write runs, Ratis keeps asking; those calls return at once. Files go through a temporary file,
 * fsync and rename ({@link AtomicFileOutputStream}), with an MD5 beside them for Ratis' transfer.
 */
public final class SnapshotWriter implements AutoCloseable {
  private final SimpleStateMachineStorage storage;
  private final long interval;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("snapshot-writer").factory());
  private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
  private volatile long lastCompleted = RaftLog.INVALID_LOG_INDEX;
  private volatile boolean synchronous;

  public SnapshotWriter(SimpleStateMachineStorage storage, long interval) {
    this.storage = storage;
    this.interval = interval;
  }

  /**
   * Starts writing {@code view} (state at {@code applied}) if one is due; the last complete index.
   */
  public synchronized long offer(TermIndex applied, StoreView view) throws IOException {
    if (!pending.isDone()) {
      return lastCompleted;
    }
    rethrowFailure();
    long index = applied.getIndex();
    boolean due =
        index > lastCompleted
            && (synchronous || lastCompleted < 0 || index - lastCompleted >= interval);
    if (!due) {
      return lastCompleted;
    }
    if (synchronous) {
      write(applied, view);
    } else {
      pending = CompletableFuture.runAsync(() -> writeUnchecked(applied, view), executor);
    }
    return lastCompleted;
  }

  /** From now on, write in the caller's thread: used at shutdown, when the JVM may exit next. */
  public void writeSynchronously() {
    synchronous = true;
    awaitPending();
  }

  /** Records a snapshot loaded from disk or installed from the leader. */
  public void loaded(long index) {
    lastCompleted = index;
  }

  public long lastCompletedIndex() {
    return lastCompleted;
  }

  /** Waits for a write in progress, whether it succeeds or not. */
  public void awaitPending() {
    CompletableFuture<Void> current;
    synchronized (this) {
      current = pending;
    }
    current.exceptionally(e -> null).join();
  }

  @Override
  public void close() {
    awaitPending();
    executor.shutdown();
  }

  private void rethrowFailure() throws IOException {
    try {
      pending.join();
    } catch (CompletionException e) {
      pending = CompletableFuture.completedFuture(null);
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IOException("snapshot write failed", e.getCause());
    }
  }

  private void writeUnchecked(TermIndex applied, StoreView view) {
    try {
      write(applied, view);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(TermIndex applied, StoreView view) throws IOException {
    File file = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
    var contents = new SnapshotCodec.Contents(applied.getTerm(), applied.getIndex(), view.groups());
    try (var out = new AtomicFileOutputStream(file)) {
      SnapshotCodec.write(contents, out);
    } catch (IOException e) {
      throw new IOException("cannot write snapshot " + file + " at " + applied + ": " + e, e);
    }
    var md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    storage.updateLatestSnapshot(
        new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), applied));
    lastCompleted = Math.max(lastCompleted, applied.getIndex());
  }
}
