package pgw.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pgw.chaos.Linearizability.Verdict;
import pgw.chaos.NodeHttp.Outcome;
import pgw.chaos.Op.Kind;

/** The register checker accepts what a correct gateway may do and catches what it may not. */
class LinearizabilityTest {
  private static Op put(long value, long start, long end, Outcome outcome) {
    return new Op(0, Kind.PUT, "g", value, 0, start, end, outcome);
  }

  private static Op delete(long start, long end, Outcome outcome) {
    return new Op(0, Kind.DELETE, "g", Op.ABSENT, 0, start, end, outcome);
  }

  private static Op read(long value, long start, long end) {
    return new Op(9, Kind.READ, "g", value, 0, start, end, Outcome.OK);
  }

  @Test
  void sequentialWritesAndFreshReads() {
    assertEquals(
        Verdict.LINEARIZABLE,
        Linearizability.check(
            List.of(read(Op.ABSENT, 0, 1), put(1, 2, 3, Outcome.OK), read(1, 4, 5))));
  }

  @Test
  void readMissingAWriteAcknowledgedBeforeItBeganIsCaught() {
    assertEquals(
        Verdict.NOT_LINEARIZABLE,
        Linearizability.check(
            List.of(put(1, 0, 1, Outcome.OK), put(2, 2, 3, Outcome.OK), read(1, 4, 5))));
  }

  @Test
  void concurrentWritesMayBeSeenInEitherOrderButNotBoth() {
    List<Op> writes = List.of(put(1, 0, 10, Outcome.OK), put(2, 0, 10, Outcome.OK));
    List<Op> oneOrder = new ArrayList<>(writes);
    oneOrder.addAll(List.of(read(2, 11, 12), read(2, 13, 14)));
    assertEquals(Verdict.LINEARIZABLE, Linearizability.check(oneOrder));
    List<Op> flipFlop = new ArrayList<>(writes);
    flipFlop.addAll(List.of(read(2, 11, 12), read(1, 13, 14)));
    assertEquals(Verdict.NOT_LINEARIZABLE, Linearizability.check(flipFlop));
  }

  @Test
  void unknownWritesMayOrMayNotHaveHappenedEvenLate() {
    assertEquals(
        Verdict.LINEARIZABLE,
        Linearizability.check(
            List.of(put(1, 0, 1, Outcome.UNKNOWN), read(Op.ABSENT, 2, 3), read(1, 20, 21))));
    assertEquals(
        Verdict.LINEARIZABLE,
        Linearizability.check(List.of(put(1, 0, 1, Outcome.UNKNOWN), read(Op.ABSENT, 2, 3))));
  }

  @Test
  void failedWritesNeverHappen() {
    assertEquals(
        Verdict.NOT_LINEARIZABLE,
        Linearizability.check(List.of(put(1, 0, 1, Outcome.FAILED), read(1, 2, 3))));
  }

  @Test
  void deleteMakesTheGroupAbsent() {
    assertEquals(
        Verdict.LINEARIZABLE,
        Linearizability.check(
            List.of(put(1, 0, 1, Outcome.OK), delete(2, 3, Outcome.OK), read(Op.ABSENT, 4, 5))));
    assertEquals(
        Verdict.NOT_LINEARIZABLE,
        Linearizability.check(
            List.of(put(1, 0, 1, Outcome.OK), delete(2, 3, Outcome.OK), read(1, 4, 5))));
  }

  @Test
  void readFromTheFutureIsCaught() {
    assertEquals(
        Verdict.NOT_LINEARIZABLE,
        Linearizability.check(List.of(read(1, 0, 1), put(1, 2, 3, Outcome.OK))));
  }

  @Test
  void theSmallestFailingPrefixEndsAtTheOffence() {
    List<Op> history = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      history.add(put(i, i * 10, i * 10 + 1, Outcome.OK));
      history.add(read(i, i * 10 + 2, i * 10 + 3));
    }
    history.add(read(5, 300, 301));
    history.add(put(99, 310, 311, Outcome.OK));
    List<Op> prefix = Linearizability.smallestFailingPrefix(history);
    assertEquals(41, prefix.size());
    assertEquals(5, prefix.getLast().value());
  }

  @Test
  void longConcurrentHistoriesAreDecidedQuickly() {
    List<Op> history = new ArrayList<>();
    long value = 0;
    for (int t = 0; t < 3000; t += 3) {
      history.add(put(++value, t, t + 7, Outcome.OK));
      if (t % 30 == 0) {
        history.add(put(100_000 + t, t, t + 1, Outcome.UNKNOWN));
      }
      history.add(read(value == 1 ? Op.ABSENT : value - 1, t + 2, t + 9));
    }
    assertEquals(Verdict.LINEARIZABLE, Linearizability.check(history));
  }
}
