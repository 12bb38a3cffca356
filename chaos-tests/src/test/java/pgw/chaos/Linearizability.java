package pgw.chaos;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import pgw.chaos.NodeHttp.Outcome;

/**
 * Decides whether one group's history is linearizable as a register (Wing and Gong's search with
 * Lowe's memoisation of visited states). Acknowledged writes and successful reads must all take
 * effect; writes with an unknown outcome may take effect at any point after they began, or never;
 * failed and rejected writes never do. The initial value is absent; a delete writes "absent".
 */
final class Linearizability {
  /** Search budget: a history this hard to explain is reported rather than searched forever. */
  private static final int MAX_STATES = 300_000;

  enum Verdict {
    LINEARIZABLE,
    NOT_LINEARIZABLE,
    TOO_COMPLEX
  }

  private final List<Op> ops;
  private final long[] ends;
  private final boolean[] required;
  private final Set<State> visited = new HashSet<>();

  private record State(BitSet done, long value) {}

  private Linearizability(List<Op> history) {
    Set<Long> seen = new HashSet<>();
    history.stream().filter(op -> !op.write()).forEach(op -> seen.add(op.value()));
    // An unknown write that no read saw never helps to explain the history: leave it out, or each
    // one would double the states to search.
    this.ops =
        history.stream()
            .filter(op -> !op.write() || op.mayHaveHappened())
            .filter(op -> op.write() || op.outcome() == Outcome.OK)
            .filter(op -> op.outcome() == Outcome.OK || seen.contains(op.value()))
            .sorted(Comparator.comparingLong(Op::start))
            .toList();
    this.ends = new long[ops.size()];
    this.required = new boolean[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      required[i] = op.outcome() == Outcome.OK;
      ends[i] = required[i] ? op.end() : Long.MAX_VALUE;
    }
  }

  static Verdict check(List<Op> history) {
    return new Linearizability(history).search();
  }

  /**
   * The shortest prefix (by start time) of the history that is still not linearizable, or the whole
   * history if prefixes do not shrink it.
   */
  static List<Op> smallestFailingPrefix(List<Op> history) {
    List<Op> sorted = history.stream().sorted(Comparator.comparingLong(Op::start)).toList();
    int lo = 1;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (check(sorted.subList(0, mid)) == Verdict.NOT_LINEARIZABLE) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    List<Op> prefix = sorted.subList(0, hi);
    return check(prefix) == Verdict.NOT_LINEARIZABLE ? prefix : sorted;
  }

  private Verdict search() {
    // Depth can reach the number of operations: search iteratively with an explicit stack.
    record Frame(BitSet done, long value, List<Integer> choices, int next) {}
    List<Frame> stack = new ArrayList<>();
    BitSet start = new BitSet(ops.size());
    long startValue = linearizeMatchingReads(start, Op.ABSENT);
    if (complete(start)) {
      return Verdict.LINEARIZABLE;
    }
    stack.add(new Frame(start, startValue, writeChoices(start), 0));
    while (!stack.isEmpty()) {
      Frame top = stack.removeLast();
      if (top.next() >= top.choices().size()) {
        continue;
      }
      stack.add(new Frame(top.done(), top.value(), top.choices(), top.next() + 1));
      int w = top.choices().get(top.next());
      BitSet done = (BitSet) top.done().clone();
      done.set(w);
      long value = linearizeMatchingReads(done, ops.get(w).value());
      if (complete(done)) {
        return Verdict.LINEARIZABLE;
      }
      if (!visited.add(new State(done, value))) {
        continue;
      }
      if (visited.size() > MAX_STATES) {
        return Verdict.TOO_COMPLEX;
      }
      stack.add(new Frame(done, value, writeChoices(done), 0));
    }
    return Verdict.NOT_LINEARIZABLE;
  }

  /**
   * Linearizes every read that may come next and sees the current value. Doing so never loses a
   * solution: it changes no state, and a read that may come next has no unfinished predecessor.
   */
  private long linearizeMatchingReads(BitSet done, long value) {
    boolean progress = true;
    while (progress) {
      progress = false;
      long horizon = horizon(done);
      for (int i = done.nextClearBit(0); i < ops.size(); i = done.nextClearBit(i + 1)) {
        Op op = ops.get(i);
        if (op.start() > horizon) {
          break;
        }
        if (!op.write() && op.value() == value) {
          done.set(i);
          progress = true;
        }
      }
    }
    return value;
  }

  /** The writes that may take effect next: each began before every pending operation ended. */
  private List<Integer> writeChoices(BitSet done) {
    long horizon = horizon(done);
    List<Integer> choices = new ArrayList<>();
    for (int i = done.nextClearBit(0); i < ops.size(); i = done.nextClearBit(i + 1)) {
      if (ops.get(i).start() > horizon) {
        break;
      }
      if (ops.get(i).write()) {
        choices.add(i);
      }
    }
    // Acknowledged writes first: they must all take effect, unknown ones rarely matter.
    choices.sort(Comparator.comparing(i -> !required[i]));
    return choices;
  }

  /** The earliest end among operations not yet linearized. */
  private long horizon(BitSet done) {
    long min = Long.MAX_VALUE;
    for (int i = done.nextClearBit(0); i < ops.size(); i = done.nextClearBit(i + 1)) {
      min = Math.min(min, ends[i]);
    }
    return min;
  }

  private boolean complete(BitSet done) {
    for (int i = done.nextClearBit(0); i < ops.size(); i = done.nextClearBit(i + 1)) {
      if (required[i]) {
        return false;
      }
    }
    return true;
  }
}
