package pgw.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import pgw.api.GroupingKey;
import pgw.api.store.PushResult;
import pgw.raft.codec.CodecException;
import pgw.raft.command.Command;
import pgw.raft.command.CommandCodec;

/** Group commit, with the Raft round trip played by the test: entries are answered by hand. */
class GroupCommitTest {
  /** Entries proposed so far, each with the future the test completes to answer it. */
  private final List<CompletableFuture<byte[]>> replies = new ArrayList<>();

  private final List<byte[]> entries = new ArrayList<>();

  private final GroupCommit groupCommit =
      new GroupCommit(
          entry -> {
            var reply = new CompletableFuture<byte[]>();
            synchronized (this) {
              entries.add(entry);
              replies.add(reply);
            }
            return reply;
          },
          1,
          Duration.ofMinutes(1));

  private static byte[] delete(String job) {
    return CommandCodec.encode(new Command.Delete(GroupingKey.of(job), 1));
  }

  private void answerEntry(int i) throws CodecException {
    int writes = CommandCodec.decodeBatch(entries.get(i)).size();
    List<PushResult> results = new ArrayList<>();
    for (int w = 0; w < writes; w++) {
      results.add(w % 2 == 0 ? PushResult.ACCEPTED : new PushResult.Rejected("odd " + w));
    }
    replies.get(i).complete(CommandCodec.encodeResults(results));
  }

  @Test
  void writesArrivingWhileAnEntryIsInFlightShareTheNextEntry() throws Exception {
    var first = groupCommit.propose(delete("a"));
    var second = groupCommit.propose(delete("b"));
    var third = groupCommit.propose(delete("c"));
    assertEquals(1, entries.size(), "one entry in flight, the others wait");

    answerEntry(0);
    assertEquals(PushResult.ACCEPTED, first.answer().get());
    assertEquals(2, entries.size());
    assertEquals(
        List.of(
            new Command.Delete(GroupingKey.of("b"), 1), new Command.Delete(GroupingKey.of("c"), 1)),
        CommandCodec.decodeBatch(entries.get(1)));

    answerEntry(1);
    assertEquals(PushResult.ACCEPTED, second.answer().get());
    assertEquals(new PushResult.Rejected("odd 1"), third.answer().get());
  }

  @Test
  void aFailedEntryFailsEveryWriteInIt() {
    groupCommit.propose(delete("a"));
    var b = groupCommit.propose(delete("b"));
    var c = groupCommit.propose(delete("c"));
    replies.get(0).completeExceptionally(new IllegalStateException("first"));
    replies.get(1).completeExceptionally(new TimeoutException("lost"));
    for (var pending : List.of(b, c)) {
      var e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> pending.answer().get());
      assertInstanceOf(TimeoutException.class, e.getCause());
    }
  }

  @Test
  void onlyAWriteNotYetSentCanBeWithdrawn() throws Exception {
    var sent = groupCommit.propose(delete("a"));
    var waiting = groupCommit.propose(delete("b"));
    assertFalse(groupCommit.withdraw(sent));
    assertTrue(groupCommit.withdraw(waiting));
    answerEntry(0);
    assertEquals(1, entries.size(), "the withdrawn write is never proposed");
    assertTrue(sent.answer().isDone());
  }

  @Test
  void anEntryThatIsNeverAnsweredGivesUpItsSlot() throws Exception {
    var timed = new GroupCommit(entry -> new CompletableFuture<>(), 1, Duration.ofMillis(50));
    var lost = timed.propose(delete("a"));
    var next = timed.propose(delete("b"));
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> next.answer().get());
    assertInstanceOf(TimeoutException.class, e.getCause(), "sent after the first timed out");
    assertTrue(lost.answer().isCompletedExceptionally());
  }
}
