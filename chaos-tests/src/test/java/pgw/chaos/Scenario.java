package pgw.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The frame every chaos scenario shares: a seeded cluster in its own directory, a workload, the
 * scenario's faults, then healing, the final state and the checker. On any failure it prints the
 * seed, the timeline and the end of every node's log.
 */
public final class Scenario {
  /** What a scenario does to the cluster while the workload runs. */
  @FunctionalInterface
  public interface Faults {
    void inflict(Cluster cluster, Workload workload, Random random) throws Exception;
  }

  private Scenario() {}

  /** The seed from {@code -Dchaos.seed}, or a fresh one (printed, so it can be replayed). */
  public static long seed() {
    String fixed = System.getProperty("chaos.seed", "");
    return fixed.isBlank() ? new Random().nextLong() : Long.parseLong(fixed);
  }

  public static Path dir(String name, long seed) throws IOException {
    Path dir =
        Path.of(System.getProperty("chaos.dir", "target/chaos"))
            .resolve(name + "-" + Long.toUnsignedString(seed, 36) + "-" + System.nanoTime());
    return Files.createDirectories(dir);
  }

  /** Runs the scenario on a fresh cluster and returns the checked report (not yet asserted). */
  public static Report run(
      String name, ClusterBuilder builder, Workload.Settings settings, long seed, Faults faults)
      throws Exception {
    System.out.println("chaos scenario " + name + " seed " + seed);
    try (Cluster cluster = builder.dir(dir(name, seed)).start()) {
      try {
        Report report = runOn(cluster, settings, seed, faults);
        report.assertClean(cluster);
        return report;
      } catch (Throwable t) {
        System.err.println(
            "chaos scenario " + name + " failed; seed " + seed + "\n" + cluster.logs(80));
        throw t;
      }
    }
  }

  /** Runs workload and faults on a running cluster, heals it, and checks (not asserts) the run. */
  public static Report runOn(Cluster cluster, Workload.Settings settings, long seed, Faults faults)
      throws Exception {
    Random random = new Random(seed);
    long since = Timeline.now();
    Workload workload = Workload.start(cluster, seed, settings);
    List<Op> history;
    try {
      faults.inflict(cluster, workload, random);
    } finally {
      history = workload.stop();
    }
    cluster.healEverything();
    FinalState end = FinalState.collect(cluster);
    Report report = Checker.check(seed, history, end, cluster.timeline(), workload.groups());
    System.out.println(
        "timeline: "
            + cluster.timeline().events().stream()
                .filter(e -> e.nanos() >= since)
                .map(e -> String.format("%.1fs %s", e.nanos() / 1e9, e.what()))
                .collect(java.util.stream.Collectors.joining(", ")));
    System.out.println(Report.HEADER + "\n" + report.row());
    return report;
  }
}
