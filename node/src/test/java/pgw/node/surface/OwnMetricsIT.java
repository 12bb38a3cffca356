package pgw.node.surface;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The node's own metrics (§6, D4): on {@code /-/metrics}, never in the pushed metrics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnMetricsIT {
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
  void requestsAreCountedUnderUpstreamsNamesAndLabels() {
    String ok = "pushgateway_http_requests_total{code=\"200\",handler=\"push\",method=\"put\"}";
    String bad = "pushgateway_http_requests_total{code=\"400\",handler=\"push\",method=\"post\"}";
    String deleted =
        "pushgateway_http_requests_total{code=\"202\",handler=\"delete\",method=\"delete\"}";
    double okBefore = value(own(), ok);
    assertEquals(200, http.put("/metrics/job/own", "own 1\n").status());
    assertEquals(400, http.send("POST", "/metrics/job/own", "own{ 1\n").status());
    assertEquals(202, http.send("DELETE", "/metrics/job/own", (byte[]) null).status());
    http.get("/metrics");

    String own = own();
    assertTrue(own.contains("# TYPE pushgateway_http_requests_total counter\n"), own);
    assertFalse(own.contains("pushgateway_http_requests_total_total"), "no client_java renaming");
    assertEquals(okBefore + 1, value(own, ok));
    assertTrue(value(own, bad) >= 1, own);
    assertTrue(value(own, deleted) >= 1, own);
    assertFalse(own.contains("handler=\"metrics\""), "scrapes are not counted");
    assertTrue(own.contains("# TYPE pushgateway_http_push_duration_seconds summary\n"), own);
    assertTrue(own.contains("pushgateway_http_push_size_bytes_count{method=\"put\"}"), own);
    assertTrue(own.contains("pushgateway_build_info{"), own);
  }

  @Test
  void jvmProcessAndRaftMetricsAreThere() {
    String own = own();
    assertTrue(own.contains("\njvm_memory_used_bytes{"), own);
    assertTrue(own.contains("\nprocess_cpu_seconds_total "), own);
    assertEquals(1, value(own, "pgw_raft_role{role=\"LEADER\"}"));
    assertEquals(0, value(own, "pgw_raft_role{role=\"FOLLOWER\"}"));
    assertTrue(value(own, "pgw_raft_term") >= 1);
    http.put("/metrics/job/raft", "r 1\n");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String now = own();
              double commit = value(now, "pgw_raft_commit_index");
              assertTrue(commit >= 1);
              assertEquals(commit, value(now, "pgw_raft_applied_index"));
              assertEquals(0, value(now, "pgw_raft_apply_lag"));
            });
    assertTrue(own.contains("\npgw_raft_snapshot_index "), own);
  }

  @Test
  void ownMetricsStayOutOfThePushedMetrics() {
    http.put("/metrics/job/apart", "apart 1\n");
    String pushed = http.metrics();
    assertFalse(pushed.contains("pushgateway_http_requests_total"), pushed);
    assertFalse(pushed.contains("jvm_"), pushed);
    assertFalse(pushed.contains("pgw_raft_"), pushed);
    assertFalse(own().contains("apart"));
  }

  @Test
  void protobufAndGzipOnRequest() throws IOException {
    var a =
        http.get(
            "/-/metrics",
            "Accept",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
    assertTrue(a.header("Content-Type").orElse("").startsWith("application/vnd.google.protobuf"));
    Map<String, Metrics.MetricFamily> byName = new HashMap<>();
    var in = new ByteArrayInputStream(a.bytes());
    Metrics.MetricFamily f;
    while ((f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
      byName.put(f.getName(), f);
    }
    assertEquals(
        Metrics.MetricType.COUNTER, byName.get("pushgateway_http_requests_total").getType());
    assertEquals(Metrics.MetricType.GAUGE, byName.get("pgw_raft_term").getType());
    var zipped = http.get("/-/metrics", "Accept-Encoding", "gzip");
    assertEquals(Optional.of("gzip"), zipped.header("Content-Encoding"));
  }

  private String own() {
    var a = http.get("/-/metrics");
    assertEquals(200, a.status(), a.toString());
    return a.body();
  }

  /** The value of the sample line starting with {@code series}, 0 if there is none. */
  private static double value(String exposition, String series) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1));
      }
    }
    return 0;
  }
}
