package pgw.chaos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The negative control: with {@code --read.consistency=local} an isolated follower serves its old
 * state, and the checker must say so. If this test passed with linearizable reads switched off and
 * the checker silent, the other scenarios would prove nothing.
 */
class CheckerCatchesStaleReadsIT {
  @Test
  void localReadsFromAnIsolatedFollowerAreReportedStale() throws Exception {
    long seed = Scenario.seed();
    try (Cluster cluster =
        Cluster.builder()
            .flag("read.consistency", "local")
            .dir(Scenario.dir("stale-control", seed))
            .start()) {
      Report report =
          Scenario.runOn(
              cluster,
              Workload.Settings.defaults(),
              seed,
              (c, load, random) -> {
                load.awaitMoreAcked(10, Duration.ofSeconds(120));
                c.isolate(c.others(c.leader()).getFirst());
                load.awaitMoreAcked(40, Duration.ofSeconds(120));
              });
      assertFalse(report.clean(), "the checker must reject a history with stale reads");
      assertTrue(report.stale() > 0, report.row());
      assertTrue(report.nonLinearizable() > 0, report.row());
    }
  }
}
