package pgw.node.surface;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /-/quit} on a real node process with {@code --web.enable-lifecycle} ends it cleanly,
 * as SIGTERM does: exit status 0, and what it acknowledged is there after a restart.
 */
class QuitProcessIT {
  private static final Path JAR = Path.of("target", "pgw-node.jar");

  @TempDir Path dir;
  Process process;

  @AfterEach
  void stop() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Test
  void quitEndsTheProcessCleanlyAndKeepsAcknowledgedPushes() throws Exception {
    assertTrue(Files.exists(JAR), "built by the package phase: " + JAR.toAbsolutePath());
    int httpPort = SingleNode.freePort();
    int raftPort = SingleNode.freePort();
    Probe http = new Probe(httpPort);

    process = launch(httpPort, raftPort, "first.log");
    awaitHealthy(http);
    assertEquals(200, http.put("/metrics/job/before_quit", "kept 1\n").status());

    var quit = http.send("PUT", "/-/quit", "");
    assertEquals(200, quit.status());
    assertEquals("Requesting termination... Goodbye!", quit.body());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ended");
    assertEquals(0, process.exitValue(), Files.readString(dir.resolve("first.log")));

    process = launch(httpPort, raftPort, "second.log");
    awaitHealthy(http);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertTrue(http.metrics().contains("kept{instance=\"\",job=\"before_quit\"} 1\n")));
  }

  private Process launch(int httpPort, int raftPort, String log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-jar",
                JAR.toString(),
                "--web.listen-address=127.0.0.1:" + httpPort,
                "--raft.address=127.0.0.1:" + raftPort,
                "--data.dir=" + dir.resolve("data"),
                "--raft.election-timeout-min=300ms",
                "--raft.election-timeout-max=600ms",
                "--web.enable-lifecycle"))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile())
        .start();
  }

  private static void awaitHealthy(Probe http) {
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> http.get("/-/healthy").status() == 200);
  }
}
