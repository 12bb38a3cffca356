package pgw.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pgw.chaos.NodeHttp.Outcome;
import pgw.chaos.Op.Kind;

/**
 * Judges a run: counts what happened and finds lost writes, stale reads, reads of writes that never
 * happened, divergent replicas, and groups whose history is not linearizable.
 */
public final class Checker {
  private Checker() {}

  public static Report check(
      long seed, List<Op> history, FinalState end, Timeline timeline, List<String> groups) {
    List<Op> finalReads = end.asReads(groups);
    List<String> violations = new ArrayList<>();
    Map<String, List<Op>> byGroup =
        history.stream()
            .filter(op -> !op.group().equals("*"))
            .collect(Collectors.groupingBy(Op::group));
    Map<Long, Op> writers = new HashMap<>();
    history.stream()
        .filter(Op::write)
        .filter(op -> op.value() != Op.ABSENT)
        .forEach(op -> writers.put(op.value(), op));

    int stale = 0;
    int lost = 0;
    int phantom = 0;
    int nonLinearizable = 0;
    for (String group : groups) {
      List<Op> ops = new ArrayList<>(byGroup.getOrDefault(group, List.of()));
      List<Op> writes = ops.stream().filter(Op::write).toList();
      for (Op read :
          ops.stream().filter(op -> !op.write() && op.outcome() == Outcome.OK).toList()) {
        if (phantom(read, writers)) {
          phantom++;
          violations.add(
              "read of a write that was never accepted: "
                  + read
                  + " <- "
                  + writers.get(read.value()));
        } else if (!stale(read, writes, writers).isEmpty()) {
          stale++;
          violations.add(
              "stale read: " + read + " missed " + stale(read, writes, writers).getFirst());
        }
      }
      for (Op read : finalReads.stream().filter(r -> r.group().equals(group)).toList()) {
        if (phantom(read, writers)) {
          phantom++;
          violations.add("final state holds a write that was never accepted: " + read);
        }
        List<Op> missed = stale(read, writes, writers);
        lost += missed.size();
        missed.forEach(w -> violations.add("lost acknowledged write: " + w + "; final " + read));
        ops.add(read);
      }
      Linearizability.Verdict verdict = Linearizability.check(ops);
      if (verdict != Linearizability.Verdict.LINEARIZABLE) {
        nonLinearizable++;
        List<Op> piece =
            verdict == Linearizability.Verdict.NOT_LINEARIZABLE
                ? Linearizability.smallestFailingPrefix(ops)
                : ops;
        violations.add(
            "group "
                + group
                + " is "
                + verdict
                + "; smallest failing prefix ("
                + piece.size()
                + " ops), last 30:\n    "
                + piece.subList(Math.max(0, piece.size() - 30), piece.size()).stream()
                    .map(Op::toString)
                    .collect(Collectors.joining("\n    ")));
      }
    }
    List<Integer> divergent = end.divergent();
    for (int node : divergent) {
      violations.add(
          "replica n"
              + (node + 1)
              + " differs from the majority at applied index "
              + end.appliedIndex()
              + ":\n"
              + end.scrapes().get(node)
              + "\n---- majority:\n"
              + end.reference());
    }
    return new Report(
        seed,
        count(history, Op::write, Outcome.OK),
        count(history, op -> op.kind() == Kind.INVALID_PUT, Outcome.REJECTED),
        count(history, op -> op.write() && op.kind() != Kind.INVALID_PUT, Outcome.REJECTED)
            + count(history, op -> op.kind() == Kind.INVALID_PUT, Outcome.OK),
        count(history, Op::write, Outcome.FAILED),
        count(history, Op::write, Outcome.UNKNOWN),
        (int)
            history.stream()
                .filter(op -> !op.write() && op.outcome() == Outcome.OK)
                .map(op -> op.process() + ":" + op.start())
                .distinct()
                .count(),
        count(history, op -> !op.write(), Outcome.FAILED)
            + count(history, op -> !op.write(), Outcome.UNKNOWN),
        lost,
        stale,
        phantom,
        divergent.size(),
        nonLinearizable,
        Report.recoveries(history, timeline),
        violations);
  }

  private static int count(List<Op> history, java.util.function.Predicate<Op> p, Outcome outcome) {
    return (int) history.stream().filter(p).filter(op -> op.outcome() == outcome).count();
  }

  private static boolean phantom(Op read, Map<Long, Op> writers) {
    if (read.value() == Op.ABSENT) {
      return false;
    }
    Op w = writers.get(read.value());
    return w == null || !w.mayHaveHappened();
  }

  /**
   * The acknowledged writes a read must have seen but did not: each finished before the read began
   * and began after every write that could explain what the read saw had finished.
   */
  private static List<Op> stale(Op read, List<Op> writes, Map<Long, Op> writers) {
    List<Op> sources = new ArrayList<>();
    if (read.value() != Op.ABSENT) {
      sources.add(writers.get(read.value()));
    } else {
      writes.stream()
          .filter(w -> w.kind() == Kind.DELETE && w.mayHaveHappened())
          .forEach(sources::add);
    }
    List<Op> missed = new ArrayList<>();
    for (Op w : writes) {
      if (w.outcome() != Outcome.OK || w.end() >= read.start() || sources.contains(w)) {
        continue;
      }
      if (w.value() == read.value()) {
        continue;
      }
      boolean explained = false;
      for (Op s : sources) {
        long sourceEnd = s.outcome() == Outcome.OK ? s.end() : Long.MAX_VALUE;
        if (!(sourceEnd < w.start())) {
          explained = true;
          break;
        }
      }
      if (!explained) {
        missed.add(w);
      }
    }
    return missed;
  }
}
