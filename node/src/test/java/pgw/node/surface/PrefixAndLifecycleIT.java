package pgw.node.surface;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --web.route-prefix} (§1.7, M17), {@code --web.enable-lifecycle} (M15) and the admin API
 * switched off (M16).
 */
class PrefixAndLifecycleIT {
  @TempDir Path dir;
  SingleNode gateway;

  @AfterEach
  void stop() throws IOException {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void everyRouteMovesUnderThePrefixButTheQuitHint() throws IOException {
    gateway = new SingleNode(dir, c -> c.withWeb("/foo", true, false, 1 << 20));
    Probe http = gateway.http;

    assertEquals(200, http.put("/foo/metrics/job/pre/instance/i", "pre 1\n").status());
    assertTrue(http.get("/foo/metrics").body().contains("pre{instance=\"i\",job=\"pre\"} 1\n"));
    assertEquals(
        202, http.send("DELETE", "/foo/metrics/job/pre/instance/i", (byte[]) null).status());
    for (String path : new String[] {"/foo/-/healthy", "/foo/api/v1/status", "/foo/-/metrics"}) {
      assertEquals(200, http.get(path).status(), path);
    }
    var bare = http.get("/foo");
    assertEquals(301, bare.status());
    assertEquals(Optional.of("/foo/"), bare.header("Location"));
    assertEquals(200, http.get("/foo/").status());
    for (String path : new String[] {"/", "/metrics", "/-/healthy", "/api/v1/status"}) {
      assertEquals(404, http.get(path).status(), path);
    }
    assertEquals(404, http.put("/metrics/job/pre", "pre 1\n").status());
    var rootQuit = http.get("/-/quit");
    assertEquals(405, rootQuit.status());
    assertEquals("Only POST or PUT requests allowed.", rootQuit.body());
    var prefixedQuit = http.get("/foo/-/quit");
    assertEquals(405, prefixedQuit.status());
    assertEquals(Optional.of("OPTIONS, POST, PUT"), prefixedQuit.header("Allow"));
    assertEquals(404, http.put("/foo/api/v1/admin/wipe", "").status(), "admin API is off");
  }

  @Test
  void quitAnswersThenAsksForACleanShutdown() throws IOException {
    gateway = new SingleNode(dir, c -> c.withWeb("", true, true, 1 << 20));
    assertTrue(!gateway.node.quitRequested().isDone());

    var a = gateway.http.send("POST", "/-/quit", "");

    assertEquals(200, a.status());
    assertEquals("Requesting termination... Goodbye!", a.body());
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.node.quitRequested().isDone());
  }
}
