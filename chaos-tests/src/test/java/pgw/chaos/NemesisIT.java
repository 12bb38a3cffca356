package pgw.chaos;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The quick profile's randomized run: kills, pauses and partitions for a set time, under load. */
class NemesisIT {
  @Test
  void randomFaultsUnderLoad() throws Exception {
    Scenario.run(
        "nemesis",
        Cluster.builder().snapshotInterval(200),
        Workload.Settings.defaults(),
        Scenario.seed(),
        (cluster, load, random) -> Nemesis.runFor(Duration.ofSeconds(45), cluster, load, random));
  }
}
