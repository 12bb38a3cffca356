package pgw.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import pgw.chaos.NodeHttp.Outcome;

/**
 * The figures of one run and what went wrong in it.
 *
 * @param seed replays the run's random choices
 * @param acked writes acknowledged (2xx)
 * @param rejected invalid pushes refused with a 4xx, as they must be
 * @param wronglyJudged valid pushes refused, or invalid pushes accepted
 * @param failed writes answered 503 or refused before sending: nothing written
 * @param unknown writes answered 504, timed out or cut off: may or may not have been written
 * @param scrapes successful scrapes
 * @param scrapesRefused scrapes answered 503 or without an answer
 * @param lost acknowledged writes missing from the final state
 * @param stale reads that missed a write acknowledged before they began
 * @param phantom reads or final states showing a write that failed or was rejected
 * @param divergent replicas whose final scrape differs from the majority
 * @param nonLinearizable groups whose history no order of writes explains
 * @param recoveriesMillis for each leader kill, milliseconds to the first acknowledged write after
 * @param violations the offending pieces of history, readable
 */
public record Report(
    long seed,
    int acked,
    int rejected,
    int wronglyJudged,
    int failed,
    int unknown,
    int scrapes,
    int scrapesRefused,
    int lost,
    int stale,
    int phantom,
    int divergent,
    int nonLinearizable,
    List<Long> recoveriesMillis,
    List<String> violations) {

  public static final String HEADER =
      "| seed | acked | rejected | failed | unknown | scrapes | scrapes 503 | lost | stale"
          + " | phantom | divergent | non-linearizable | leader-kill recovery ms |";

  public boolean clean() {
    return violations.isEmpty() && wronglyJudged == 0;
  }

  /** One row under {@link #HEADER}. */
  public String row() {
    return String.format(
        "| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s |",
        seed,
        acked,
        rejected,
        failed,
        unknown,
        scrapes,
        scrapesRefused,
        lost,
        stale,
        phantom,
        divergent,
        nonLinearizable,
        recoveriesMillis.stream().map(String::valueOf).collect(Collectors.joining(" ")));
  }

  /** Throws with the seed, the figures and the violations unless the run was clean. */
  public void assertClean(Cluster cluster) {
    if (!clean()) {
      throw new AssertionError(
          "chaos run failed; replay with -Dchaos.seed="
              + seed
              + "\n"
              + HEADER
              + "\n"
              + row()
              + "\n"
              + String.join("\n", violations.subList(0, Math.min(20, violations.size())))
              + "\ntimeline:\n"
              + cluster.timeline().events().stream()
                  .map(e -> String.format("%8.3f %s", e.nanos() / 1e9, e.what()))
                  .collect(Collectors.joining("\n")));
    }
  }

  /** For each leader kill during the run: time to the first write acknowledged after it. */
  static List<Long> recoveries(List<Op> history, Timeline timeline) {
    List<Long> out = new ArrayList<>();
    // A reused cluster's timeline also holds earlier runs' kills: count only this run's.
    long first = history.stream().mapToLong(Op::start).min().orElse(Long.MAX_VALUE);
    for (Timeline.Event e : timeline.events()) {
      if (!e.what().startsWith("SIGKILL leader") || e.nanos() < first) {
        continue;
      }
      history.stream()
          .filter(op -> op.write() && op.outcome() == Outcome.OK && op.start() >= e.nanos())
          .mapToLong(Op::end)
          .min()
          .ifPresent(end -> out.add((end - e.nanos()) / 1_000_000));
    }
    return out;
  }
}
