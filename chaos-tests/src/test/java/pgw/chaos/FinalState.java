package pgw.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pgw.chaos.NodeHttp.Outcome;
import pgw.chaos.NodeHttp.Reply;

/**
 * Every running replica's scrape once the cluster has converged and nothing is being written: the
 * pushed groups as each replica serves them, compared byte for byte.
 *
 * @param scrapes node index to its {@code /metrics} body
 * @param appliedIndex the index every replica had applied when scraped
 * @param start when the scrapes began, on the history's clock
 */
public record FinalState(Map<Integer, String> scrapes, long appliedIndex, long start) {

  /** Heals the cluster's faults is the caller's job; this waits for convergence and scrapes. */
  public static FinalState collect(Cluster cluster) {
    for (int attempt = 0; ; attempt++) {
      cluster.awaitConverged(Duration.ofSeconds(120));
      long start = Timeline.now();
      long applied = cluster.status(firstRunning(cluster)).orElseThrow().appliedIndex();
      Map<Integer, String> scrapes = new LinkedHashMap<>();
      for (NodeProcess n : cluster.nodes()) {
        if (n.running()) {
          Reply r = cluster.http().send(n.httpPort(), "GET", "/metrics", null);
          if (r.outcome() != Outcome.OK) {
            throw new AssertionError(n.id() + " could not be scraped after convergence: " + r);
          }
          scrapes.put(n.index(), r.body());
        }
      }
      // Same applied index before and after on every replica: the bodies are comparable.
      boolean stable =
          cluster.nodes().stream()
              .filter(NodeProcess::running)
              .allMatch(
                  n ->
                      cluster
                          .status(n.index())
                          .map(s -> s.appliedIndex() == applied)
                          .orElse(false));
      if (stable || attempt >= 5) {
        return new FinalState(scrapes, applied, start);
      }
    }
  }

  private static int firstRunning(Cluster cluster) {
    return cluster.nodes().stream().filter(NodeProcess::running).findFirst().orElseThrow().index();
  }

  /** The body most replicas served. */
  public String reference() {
    Map<String, Integer> votes = new LinkedHashMap<>();
    scrapes.values().forEach(b -> votes.merge(b, 1, Integer::sum));
    return votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** Replicas whose scrape differs from the reference. */
  public List<Integer> divergent() {
    String reference = reference();
    List<Integer> out = new ArrayList<>();
    scrapes.forEach(
        (node, body) -> {
          if (!Objects.equals(body, reference)) {
            out.add(node);
          }
        });
    return out;
  }

  /** The final state as one read per group, after every operation of the run. */
  public List<Op> asReads(List<String> groups) {
    Map<String, Long> values = Workload.parse(reference());
    long end = Timeline.now();
    return groups.stream()
        .map(
            g ->
                new Op(
                    -1,
                    Op.Kind.READ,
                    g,
                    values.getOrDefault(g, Op.ABSENT),
                    -1,
                    start,
                    end,
                    Outcome.OK))
        .toList();
  }
}
