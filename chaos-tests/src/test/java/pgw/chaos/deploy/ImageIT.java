package pgw.chaos.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import pgw.chaos.NodeHttp;
import pgw.chaos.e2e.Processes;

/** The container image's layout and entrypoint, reproduced in a directory, start a working node. */
class ImageIT {
  private static final NodeHttp HTTP = new NodeHttp(Duration.ofSeconds(20));

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @AfterEach
  void killEverything() {
    Processes.killAll();
  }

  @Test
  void theImageIsAJre21PlusBaseWithTheNodeAndItsLibrariesRunAsNonRoot() throws IOException {
    ImageLayout image = ImageLayout.build(dir.resolve("image"));
    Matcher base = Pattern.compile("eclipse-temurin:(\\d+)-jre.*").matcher(image.from);
    assertTrue(base.matches(), "base image " + image.from);
    assertTrue(Integer.parseInt(base.group(1)) >= 21, "Helidon 4 needs Java 21+: " + image.from);
    assertTrue(image.user.matches("[1-9]\\d*(:\\d+)?"), "numeric non-root USER: " + image.user);
    assertTrue(Files.isExecutable(image.path(image.entrypoint.get(0))), "entrypoint executable");

    Path jar = image.path(image.env.get("PGW_HOME") + "/pgw-node.jar");
    try (JarFile j = new JarFile(jar.toFile())) {
      var attributes = j.getManifest().getMainAttributes();
      assertEquals("pgw.node.Main", attributes.getValue("Main-Class"));
      for (String entry : attributes.getValue("Class-Path").split(" ")) {
        assertTrue(Files.isRegularFile(jar.getParent().resolve(entry)), "Class-Path " + entry);
      }
    }
  }

  @Test
  void theEntrypointStartsANodeThatTakesPushesAndStopsCleanlyOnSigterm() throws IOException {
    ImageLayout image = ImageLayout.build(dir.resolve("image"));
    int http = Processes.freePort();
    Process node =
        Container.start(
            image,
            "pushgateway-0",
            Map.of(
                "PGW_REPLICAS", "1",
                "PGW_POD_NAMESPACE", "test",
                "PGW_RAFT_PORT", String.valueOf(Processes.freePort())),
            List.of("--web.listen-address=127.0.0.1:" + http),
            List.of("pushgateway-0.pushgateway-peers.test.svc"),
            dir.resolve("run"));
    String base = "http://127.0.0.1:" + http;
    await("node from the image ready")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> node.isAlive() && HTTP.get(base + "/-/ready").status() == 200);

    assertTrue(HTTP.get(base + "/api/v1/cluster").body().contains("\"id\":\"pushgateway-0\""));
    assertEquals(200, HTTP.put(base + "/metrics/job/image", "from_image 1\n").status());
    String scrape = HTTP.get(base + "/metrics").body();
    assertTrue(
        Pattern.compile("(?m)^from_image\\{[^}]*job=\"image\"[^}]*} 1$").matcher(scrape).find(),
        scrape);
    // The data went where the image's volume is.
    assertTrue(Files.isDirectory(image.path("/var/lib/pgw/data")), "data under the volume");
    assertTrue(Files.list(image.path("/var/lib/pgw/data")).findAny().isPresent());

    node.destroy(); // SIGTERM reaches the JVM itself: the entrypoint exec'd it.
    try {
      assertTrue(node.waitFor(60, TimeUnit.SECONDS), "exits within the grace period");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertEquals(143, node.exitValue());
  }
}
