package pgw.node.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Scrape negotiation and compression (§9.3, D14), the JSON API (§1.5) and wipe (C48). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpositionIT {
  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PROTOBUF =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
          + " encoding=delimited";

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
  void textIsTheDefaultAndOpenMetricsIsNeverChosen() {
    http.put("/metrics/job/neg", "neg_value 3.5\n");
    for (String accept :
        new String[] {
          "",
          "text/plain",
          "application/openmetrics-text; version=1.0.0",
          "*/*",
          "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5"
        }) {
      var a = accept.isEmpty() ? http.get("/metrics") : http.get("/metrics", "Accept", accept);
      assertEquals(200, a.status());
      assertEquals(Optional.of(TEXT), a.header("Content-Type"), accept);
      assertTrue(a.body().contains("neg_value{instance=\"\",job=\"neg\"} 3.5\n"), accept);
    }
  }

  @Test
  void delimitedProtobufWhenTheAcceptHeaderAsksForIt() throws IOException {
    http.put("/metrics/job/pb", "# TYPE pb_counter counter\npb_counter{x=\"1\"} 42\n");
    var a =
        http.get(
            "/metrics",
            "Accept",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3");
    assertEquals(Optional.of(PROTOBUF), a.header("Content-Type"));
    Metrics.MetricFamily counter = family(parse(new ByteArrayInputStream(a.bytes())), "pb_counter");
    assertEquals(Metrics.MetricType.COUNTER, counter.getType());
    assertEquals(42, counter.getMetric(0).getCounter().getValue());
    assertEquals("pb", label(counter.getMetric(0), "job"));
    assertEquals("", label(counter.getMetric(0), "instance"));
  }

  @Test
  void gzipWhenAcceptedAndTheSameBytesInside() throws IOException {
    http.put("/metrics/job/gz", "gz_value 1\n");
    var plain = http.get("/metrics");
    var zipped = http.get("/metrics", "Accept-Encoding", "gzip, deflate");
    assertEquals(Optional.of("gzip"), zipped.header("Content-Encoding"));
    assertEquals(Optional.empty(), plain.header("Content-Encoding"));
    String inflated;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.bytes()))) {
      inflated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(plain.body(), inflated);
    var pbZipped =
        http.get(
            "/metrics",
            "Accept-Encoding",
            "gzip",
            "Accept",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(pbZipped.bytes()))) {
      assertEquals(1, family(parse(in), "gz_value").getMetricCount());
    }
  }

  @Test
  void jsonMetricsHaveUpstreamsShape() {
    String base = "/metrics/job/c36/instance/i";
    http.put(base, "# TYPE c36_counter counter\nc36_counter 7\nc36_untyped NaN\n");
    http.send(
        "POST",
        base,
        "# TYPE c36_hist histogram\nc36_hist_bucket{le=\"1\"} 1\nc36_hist_bucket{le=\"+Inf\"} 4\n"
            + "c36_hist_sum 5.5\nc36_hist_count 4\n"
            + "# TYPE c36_sum summary\nc36_sum{quantile=\"0.5\"} 1.5\nc36_sum_sum 10\nc36_sum_count 4\n");
    var a = http.get("/api/v1/metrics");
    assertEquals(200, a.status());
    assertEquals(Optional.of("application/json"), a.header("Content-Type"));
    assertEquals(Optional.of("*"), a.header("Access-Control-Allow-Origin"));
    String json = a.body();
    assertTrue(json.startsWith("{\"status\":\"success\",\"data\":[{"), json);
    String labels = "\"labels\":{\"instance\":\"i\",\"job\":\"c36\"}";
    assertTrue(json.contains("\"c36_counter\":{\"time_stamp\":\""), json);
    assertTrue(
        json.contains("\"type\":\"COUNTER\",\"metrics\":[{" + labels + ",\"value\":\"7\"}]"));
    assertTrue(json.contains("{" + labels + ",\"value\":\"NaN\"}"), json);
    assertTrue(
        json.contains(
            "{\"buckets\":{\"+Inf\":\"4\",\"1\":\"1\"},\"count\":\"4\","
                + labels
                + ",\"sum\":\"5.5\"}"),
        json);
    assertTrue(
        json.contains(
            "{\"count\":\"4\"," + labels + ",\"quantiles\":{\"0.5\":\"1.5\"},\"sum\":\"10\"}"),
        json);
    assertTrue(json.contains(labels + ",\"last_push_successful\":true"), json);
  }

  @Test
  void aFailedPushShowsAsUnsuccessfulAndFamiliesNamedLikeKeysNeverReplaceThem() {
    http.put("/metrics/job/c35", "c35 1\nlabels 1\nlast_push_successful 2\n");
    assertEquals(400, http.put("/metrics/job/c35", "c35 1 1\n").status());
    String json = http.get("/api/v1/metrics").body();
    assertTrue(json.contains("\"labels\":{\"job\":\"c35\"},\"last_push_successful\":false"), json);
    assertTrue(http.metrics().contains("last_push_successful{instance=\"\",job=\"c35\"} 2\n"));
  }

  @Test
  void statusReportsBuildFlagsAndStartTime() {
    var a = http.get("/api/v1/status");
    assertEquals(200, a.status());
    String json = a.body();
    assertTrue(json.startsWith("{\"status\":\"success\",\"data\":{\"build_information\":{"), json);
    for (String key :
        new String[] {"\"branch\":", "\"buildDate\":", "\"buildUser\":", "\"goVersion\":"}) {
      assertTrue(json.contains(key), key);
    }
    assertTrue(json.matches(".*\"start_time\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+\"}}$"), json);
    assertTrue(json.contains("\"flags\":{"), json);
  }

  @Test
  void wipeEmptiesTheStoreAndOnlyTakesPut() {
    http.put("/metrics/job/c48", "c48 1\n");
    var wipe = http.put("/api/v1/admin/wipe", "");
    assertEquals(202, wipe.status());
    assertEquals("", wipe.body());
    var get = http.get("/api/v1/admin/wipe");
    assertEquals(405, get.status());
    assertEquals(Optional.of("OPTIONS, PUT"), get.header("Allow"));
    assertFalse(http.metrics().contains("c48"));
    assertEquals("{\"status\":\"success\",\"data\":[]}", http.get("/api/v1/metrics").body());
  }

  private static List<Metrics.MetricFamily> parse(InputStream in) throws IOException {
    List<Metrics.MetricFamily> families = new ArrayList<>();
    Metrics.MetricFamily f;
    while ((f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
      families.add(f);
    }
    return families;
  }

  private static Metrics.MetricFamily family(List<Metrics.MetricFamily> families, String name) {
    return families.stream()
        .filter(f -> f.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + families));
  }

  private static String label(Metrics.Metric m, String name) {
    return m.getLabelList().stream()
        .filter(l -> l.getName().equals(name))
        .map(Metrics.LabelPair::getValue)
        .findFirst()
        .orElseThrow();
  }
}
