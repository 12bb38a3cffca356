package pgw.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's smoke profile, so that the documented command keeps working: real reference, real
 * three-node cluster, every figure measured. Speed targets are not asserted here.
 */
class BenchSmokeIT {
  @TempDir Path work;

  /** Ports base+1..base+9 all free, below Linux's ephemeral range (which starts at 32768). */
  private static int freePortBase() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 20_000 + 10 * ThreadLocalRandom.current().nextInt(1_200);
      if (IntStream.rangeClosed(1, 9).allMatch(i -> free(base + i))) {
        return base;
      }
    }
    throw new IllegalStateException("no free range of 10 ports found");
  }

  private static boolean free(int port) {
    try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void theSmokeProfilePrintsEveryFigureForBothSystems() throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("pgw.root", "..")).toAbsolutePath().normalize();
    int base = freePortBase();
    var builder =
        new ProcessBuilder(root.resolve("deploy/local/bench").toString(), "smoke", "1")
            .redirectErrorStream(false)
            .redirectError(work.resolve("bench.log").toFile());
    builder.environment().put("PGW_SKIP_BUILD", "1");
    builder.environment().put("PGW_BENCH_WORK", work.resolve("bench").toString());
    builder.environment().put("PGW_HTTP_BASE", Integer.toString(base));
    builder.environment().put("PGW_RAFT_BASE", Integer.toString(base + 4));
    builder.environment().put("PGW_REFERENCE_PORT", Integer.toString(base + 9));
    Process bench = builder.start();
    String table = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bench.waitFor(10, TimeUnit.MINUTES), "the smoke benchmark did not finish");
    String log = Files.readString(work.resolve("bench.log"));
    assertEquals(0, bench.exitValue(), table + log);

    assertTrue(
        table.matches(
            "(?s).*\\| push/s, empty store, 16 clients \\| \\d[\\d.]* \\| \\d[\\d.]* \\|.*"),
        table);
    assertTrue(table.contains("| scrape seconds, 10000 stored series |"), table);
    assertTrue(table.contains("| memory MiB, 10000 stored series |"), table);
    assertTrue(table.contains("restarted with 10000 stored series |"), table);
  }
}
