package pgw.chaos;

import pgw.chaos.NodeHttp.Outcome;

/**
 * One client operation on one group, as the client saw it. Writes carry a value unique in the whole
 * run ({@link #ABSENT} for a delete), so a scrape tells which write it reflects. A scrape of many
 * groups is recorded as one read per group, all with the scrape's times.
 *
 * @param process the client thread (writers and scrapers are numbered apart)
 * @param kind what was done
 * @param group the grouping key's instance label
 * @param value written value, or the value the read saw; {@link #ABSENT} for none
 * @param node index of the node asked
 * @param start {@link Timeline#now()} before sending
 * @param end {@link Timeline#now()} after the answer, or when the client gave up
 * @param outcome how the request ended
 */
public record Op(
    int process,
    Kind kind,
    String group,
    long value,
    int node,
    long start,
    long end,
    Outcome outcome) {
  public static final long ABSENT = -1;

  /** What an operation did. */
  public enum Kind {
    PUT,
    POST,
    DELETE,
    /** A push the node must refuse (it carries a timestamp); it must never show up. */
    INVALID_PUT,
    READ
  }

  public boolean write() {
    return kind != Kind.READ;
  }

  /** A write that may have taken effect: acknowledged, or with an unknown outcome. */
  public boolean mayHaveHappened() {
    return write() && (outcome == Outcome.OK || outcome == Outcome.UNKNOWN);
  }

  @Override
  public String toString() {
    return String.format(
        "%8.3f..%8.3f p%-2d %-11s %-4s %-12s on n%d -> %s",
        start / 1e9,
        end / 1e9,
        process,
        kind,
        group,
        value == ABSENT ? "absent" : String.valueOf(value),
        node + 1,
        outcome);
  }
}
