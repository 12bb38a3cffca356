package pgw.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The long profile: {@code -Dchaos.rounds} randomized nemesis rounds on one cluster, each with its
 * own groups, checked on its own, then one summary table. Round {@code i} uses seed {@code
 * chaos.seed + i}; replay it alone with {@code -Dchaos.seed=<its seed> -Dchaos.rounds=1}.
 */
class NemesisLongIT {
  @Test
  void manyRandomizedRounds() throws Exception {
    int rounds = Integer.parseInt(System.getProperty("chaos.rounds", "100"));
    long first = Scenario.seed();
    List<Report> reports = new ArrayList<>();
    try (Cluster cluster =
        Cluster.builder().snapshotInterval(500).dir(Scenario.dir("nemesis-long", first)).start()) {
      for (int round = 0; round < rounds; round++) {
        long seed = first + round;
        System.out.println("chaos long round " + round + " seed " + seed);
        try {
          reports.add(
              Scenario.runOn(
                  cluster,
                  Workload.Settings.defaults().withGroupPrefix("r" + round + "g"),
                  seed,
                  (c, load, random) -> Nemesis.steps(3, c, load, random)));
        } catch (Throwable t) {
          System.err.println("round " + round + " (seed " + seed + ") failed\n" + cluster.logs(80));
          throw t;
        }
      }
    }
    String table = summary(reports);
    System.out.println(table);
    List<Report> dirty = reports.stream().filter(r -> !r.clean()).toList();
    assertTrue(
        dirty.isEmpty(),
        table
            + "\n"
            + dirty.stream()
                .map(r -> r.seed() + ": " + r.violations())
                .collect(Collectors.joining("\n")));
  }

  private static String summary(List<Report> reports) {
    StringBuilder sb = new StringBuilder("\n" + Report.HEADER + "\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    reports.forEach(r -> sb.append(r.row()).append('\n'));
    List<Long> recoveries =
        reports.stream().flatMap(r -> r.recoveriesMillis().stream()).sorted().toList();
    sb.append(
        String.format(
            "| **%d rounds** | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s |%n",
            reports.size(),
            reports.stream().mapToInt(Report::acked).sum(),
            reports.stream().mapToInt(Report::rejected).sum(),
            reports.stream().mapToInt(Report::failed).sum(),
            reports.stream().mapToInt(Report::unknown).sum(),
            reports.stream().mapToInt(Report::scrapes).sum(),
            reports.stream().mapToInt(Report::scrapesRefused).sum(),
            reports.stream().mapToInt(Report::lost).sum(),
            reports.stream().mapToInt(Report::stale).sum(),
            reports.stream().mapToInt(Report::phantom).sum(),
            reports.stream().mapToInt(Report::divergent).sum(),
            reports.stream().mapToInt(Report::nonLinearizable).sum(),
            recoveries.isEmpty()
                ? "-"
                : recoveries.size()
                    + " kills, median "
                    + recoveries.get(recoveries.size() / 2)
                    + ", max "
                    + recoveries.getLast()));
    return sb.toString();
  }
}
