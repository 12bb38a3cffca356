package pgw.node.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of spec §11: every case of {@code core.cases} and {@code unchecked.cases}
 * replayed against Debian's Pushgateway 1.5.1 and a three-node cluster of real node processes.
 * After the core cases, {@code promtool check metrics} judges the filled stores' expositions.
 */
class DifferentialIT {
  @TempDir static Path dir;

  @TestFactory
  Stream<DynamicNode> core() throws IOException {
    TableRun run = TableRun.start("core.cases", dir);
    return run.tests(
        Stream.of(DynamicTest.dynamicTest("promtool check metrics", () -> promtool(run))));
  }

  @TestFactory
  Stream<DynamicNode> unchecked() throws IOException {
    return TableRun.start("unchecked.cases", dir).tests(Stream.empty());
  }

  private static void promtool(TableRun run) {
    Http.Answer ours = run.cluster.http().scrape();
    Http.Answer upstream = run.upstream.http().scrape();
    assertEquals(200, ours.status(), "scrape of ours");
    assertTrue(ours.body().contains("job=\"c36\""), "the cases filled the store");
    Promtool.Result ourCheck = Promtool.checkMetrics(ours.bytes());
    Promtool.Result upstreamCheck = Promtool.checkMetrics(upstream.bytes());
    System.out.println(
        "promtool check metrics on ours: exit "
            + ourCheck.exitCode()
            + ", "
            + ourCheck.lines().size()
            + " findings; upstream: exit "
            + upstreamCheck.exitCode());
    assertTrue(ourCheck.parsed(), "promtool could not parse ours: " + ourCheck);
    // Findings left are about the pushed data (e.g. no HELP), so they must be upstream's too.
    Set<String> extra = new TreeSet<>(ourCheck.lines());
    extra.removeAll(upstreamCheck.lines());
    assertEquals(Set.of(), extra, "promtool findings on ours but not on upstream");
  }
}
