package pgw.node.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real push clients against Debian's Pushgateway and against our cluster (each call to another
 * node): client_java's {@code PushGateway} 1.5.1 in protobuf and text, and Python's
 * prometheus_client. After every call both expositions of the client's group must be equal.
 */
class RealClientsIT {
  @TempDir static Path dir;
  static UpstreamPushgateway upstream;
  static NodeProcesses cluster;
  static Http ours;

  @BeforeAll
  static void start() throws IOException {
    DebianPackages.pythonWithClient();
    upstream = UpstreamPushgateway.start(dir.resolve("upstream.log"));
    cluster = NodeProcesses.start(dir.resolve("cluster"), 3, List.of());
    ours = cluster.http();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  /** Does the same client call against upstream and one of our nodes. */
  interface ClientCall {
    void call(String address) throws Exception;
  }

  private static void both(ClientCall call) throws Exception {
    call.call("127.0.0.1:" + upstream.port());
    call.call("127.0.0.1:" + ours.nextPort());
  }

  private static List<String> sameGroups(String jobPrefix) {
    List<String> up = created(Differential.groupLines(upstream.http().scrape().body(), jobPrefix));
    Http.Answer a = ours.scrape();
    assertEquals(200, a.status(), a::toString);
    List<String> our = created(Differential.groupLines(a.body(), jobPrefix));
    assertEquals(up, our, "exposition of job=" + jobPrefix + "* (upstream, ours)");
    return our;
  }

  /** Each client process stamps its own {@code _created} time: compare only that it is there. */
  private static List<String> created(List<String> lines) {
    return lines.stream()
        .map(l -> l.replaceAll("^(\\w+_created\\{.*\\}) .*$", "$1 <created>"))
        .toList();
  }

  private static PushGateway client(
      String address, Format format, String job, PrometheusRegistry r) {
    return PushGateway.builder()
        .address(address)
        .format(format)
        .job(job)
        .groupingKey("instance", "")
        .groupingKey("stage", "")
        .registry(r)
        .build();
  }

  @Test
  void clientJavaProtobufAndText() throws Exception {
    for (Format format : List.of(Format.PROMETHEUS_PROTOBUF, Format.PROMETHEUS_TEXT)) {
      String job = "jc/" + format.name().toLowerCase();
      PrometheusRegistry first = new PrometheusRegistry();
      Counter.builder().name("jc_requests").help("Requests.").register(first).inc(5);
      Gauge.builder()
          .name("jc_temperature")
          .help("Temperature.")
          .labelNames("room")
          .register(first)
          .labelValues("")
          .set(21.5);
      both(address -> client(address, format, job, first).push());
      List<String> lines = sameGroups("jc/");
      assertTrue(
          lines.contains(
              "jc_temperature{instance=\"\",job=\"" + job + "\",room=\"\",stage=\"\"} 21.5"),
          () -> format + ": " + lines);

      PrometheusRegistry second = new PrometheusRegistry();
      Gauge.builder()
          .name("jc_temperature")
          .help("Temperature.")
          .labelNames("room")
          .register(second)
          .labelValues("attic")
          .set(4);
      both(address -> client(address, format, job, second).pushAdd());
      List<String> merged = sameGroups("jc/");
      assertTrue(
          merged.contains(
                  "jc_temperature{instance=\"\",job=\"" + job + "\",room=\"attic\",stage=\"\"} 4")
              && merged.stream().noneMatch(l -> l.contains("room=\"\"")),
          () -> format + ": pushAdd replaces the family: " + merged);
      assertTrue(merged.stream().anyMatch(l -> l.startsWith("jc_requests")), merged::toString);

      both(address -> client(address, format, job, first).delete());
      assertEquals(List.of(), sameGroups("jc/"), format + ": deleted");
    }
  }

  @Test
  void pythonClient() throws Exception {
    both(address -> python(address, "push"));
    List<String> pushed = sameGroups("py/");
    assertTrue(
        pushed.contains(
            "py_temperature{instance=\"\",job=\"py/batch\",room=\"kitchen\",shard=\"a/b\"} 21.5"),
        pushed::toString);
    both(address -> python(address, "pushadd"));
    List<String> added = sameGroups("py/");
    assertTrue(
        added.contains(
                "py_temperature{instance=\"\",job=\"py/batch\",room=\"attic\",shard=\"a/b\"} 4")
            && added.stream().anyMatch(l -> l.startsWith("py_jobs_total{")),
        added::toString);
    both(address -> python(address, "delete"));
    assertEquals(List.of(), sameGroups("py/"));
  }

  private static void python(String address, String action) throws Exception {
    Path script = dir.resolve("push_client.py");
    if (!Files.exists(script)) {
      try (InputStream in = RealClientsIT.class.getResourceAsStream("/compat/push_client.py")) {
        Files.write(script, in.readAllBytes());
      }
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                DebianPackages.pythonWithClient().toString(), script.toString(), address, action)
            .redirectErrorStream(true);
    pb.environment().put("PYTHONNOUSERSITE", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
    assertEquals(0, p.exitValue(), () -> "python " + action + " at " + address + ": " + out);
  }
}
