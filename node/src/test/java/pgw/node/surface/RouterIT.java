package pgw.node.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** URLs that are not routes get upstream's router answers (Pushgateway §1.1, case C45). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterIT {
  SingleNode gateway;
  Probe http;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    gateway = new SingleNode(dir, c -> c);
    http = gateway.http;
  }

  @AfterAll
  void stop() throws IOException {
    gateway.close();
  }

  @Test
  void aKnownPathWithAnotherMethodIs405WithTheAllowedMethods() {
    for (String method : new String[] {"GET", "PATCH"}) {
      var a = http.send(method, "/metrics/job/x", (byte[]) null);
      assertEquals(405, a.status(), a.toString());
      assertEquals(Optional.of("DELETE, OPTIONS, POST, PUT"), a.header("Allow"));
      assertEquals("Method Not Allowed\n", a.body());
    }
    var head = http.send("HEAD", "/-/healthy", (byte[]) null);
    assertEquals(405, head.status(), "HEAD is not mapped to GET");
    assertEquals(Optional.of("GET, OPTIONS"), head.header("Allow"));
    var putScrape = http.put("/metrics", "x 1\n");
    assertEquals(405, putScrape.status());
    assertEquals(Optional.of("GET, OPTIONS"), putScrape.header("Allow"));
  }

  @Test
  void optionsOnAKnownPathIs200WithAllowAndNoBody() {
    var a = http.send("OPTIONS", "/metrics/job/x", (byte[]) null);
    assertEquals(200, a.status());
    assertEquals(Optional.of("DELETE, OPTIONS, POST, PUT"), a.header("Allow"));
    assertEquals("", a.body());
    assertEquals(404, http.send("OPTIONS", "/nothing", (byte[]) null).status());
  }

  @Test
  void unknownPathsAre404PageNotFound() {
    for (String path : new String[] {"/-/reload", "/api/v1/nothing", "/metrics/other/x"}) {
      var a = http.get(path);
      assertEquals(404, a.status(), path);
      assertEquals("404 page not found\n", a.body(), path);
      assertEquals(Optional.of("text/plain; charset=utf-8"), a.header("Content-Type"));
    }
    assertEquals(404, http.put("/metrics/job", "x 1\n").status());
  }

  @Test
  void aTrailingSlashRedirects307ForPushesAnd301ForGets() {
    var put = http.put("/metrics/job/", "x 1\n");
    assertEquals(307, put.status());
    assertEquals(Optional.of("/metrics/job"), put.header("Location"));
    var get = http.get("/metrics/?x=1");
    assertEquals(301, get.status());
    assertEquals(Optional.of("/metrics?x=1"), get.header("Location"));
    var health = http.get("/-/healthy/");
    assertEquals(301, health.status());
    assertEquals(Optional.of("/-/healthy"), health.header("Location"));
  }

  @Test
  void aPathThatOnlyMissesARouteByLetterCaseIsRedirected() {
    var get = http.get("/METRICS");
    assertEquals(301, get.status());
    assertEquals(Optional.of("/metrics"), get.header("Location"));
    var put = http.put("/Metrics/Job/MixedCase/Instance/A", "x 1\n");
    assertEquals(307, put.status());
    assertEquals(Optional.of("/metrics/job/MixedCase/Instance/A"), put.header("Location"));
  }

  @Test
  void aNonCanonicalPathRedirects301AndPushesNothing() {
    var a = http.put("/metrics/job/c45/a//b/c", "c45_clean 1\n");
    assertEquals(301, a.status(), a.toString());
    assertEquals(Optional.of("/metrics/job/c45/a/b/c"), a.header("Location"));
    var dots = http.put("/metrics/job/c45/./x/../a/b", "c45_clean 1\n");
    assertEquals(301, dots.status());
    assertEquals(Optional.of("/metrics/job/c45/a/b"), dots.header("Location"));
    assertFalse(http.metrics().contains("c45_clean"));
  }

  @Test
  void aTrailingSlashAfterTheJobIsNoLabelButAfterAValueIsAnOddCount() {
    assertEquals(200, http.put("/metrics/job/c46/", "c46 1\n").status());
    assertTrue(http.metrics().contains("c46{instance=\"\",job=\"c46\"} 1\n"));
    var odd = http.put("/metrics/job/c46/a/b/", "c46 1\n");
    assertEquals(400, odd.status());
    assertEquals("odd number of components in label string \"/a/b/\"\n", odd.body());
  }

  @Test
  void quitWithGetIsUpstreamsHintAndWithoutTheFlagForbidden() {
    var get = http.get("/-/quit");
    assertEquals(405, get.status());
    assertEquals("Only POST or PUT requests allowed.", get.body());
    for (String method : new String[] {"PUT", "POST"}) {
      var a = http.send(method, "/-/quit", "");
      assertEquals(403, a.status());
      assertEquals("Lifecycle API is not enabled.", a.body());
    }
    assertEquals(200, http.get("/-/healthy").status(), "still serving");
  }

  @Test
  void theStatusPageListsGroups() {
    http.put("/metrics/job/ui/instance/a%3Cb", "ui_value 1\n");
    for (String path : new String[] {"/", "/status"}) {
      var a = http.get(path);
      assertEquals(200, a.status(), path);
      assertEquals(Optional.of("text/html; charset=utf-8"), a.header("Content-Type"));
      assertTrue(a.body().contains("job=&quot;ui&quot; instance=&quot;a&lt;b&quot;"), a.body());
      assertTrue(a.body().contains("ui_value{instance=&quot;a&lt;b&quot;,job=&quot;ui&quot;} 1"));
    }
  }

  @Test
  void apiPathsAnswerOptionsWithCors() {
    var a = http.send("OPTIONS", "/api/v1/anything/at/all", (byte[]) null);
    assertEquals(200, a.status());
    assertEquals(Optional.of("*"), a.header("Access-Control-Allow-Origin"));
    assertEquals(
        Optional.of("GET, POST, DELETE, OPTIONS"), a.header("Access-Control-Allow-Methods"));
    assertEquals(
        Optional.of("Accept, Authorization, Content-Type, Origin"),
        a.header("Access-Control-Allow-Headers"));
    assertEquals(Optional.of("Date"), a.header("Access-Control-Expose-Headers"));
    assertEquals(Optional.of("no-cache, no-store, must-revalidate"), a.header("Cache-Control"));
    var wrong = http.put("/api/v1/status", "");
    assertEquals(405, wrong.status());
    assertEquals(Optional.of("GET, OPTIONS"), wrong.header("Allow"));
  }
}
