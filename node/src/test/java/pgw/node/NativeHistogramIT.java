package pgw.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.Timestamp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pgw.api.protobuf.ProtobufWriter;

/**
 * Spec §2.4, §2.7, M30/M31 through a three-node cluster: a protobuf push with native histograms and
 * exemplars to a follower comes back unchanged from another node's protobuf scrape.
 */
class NativeHistogramIT {
  private static final String PROTOBUF =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
          + " encoding=delimited";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  InProcessCluster cluster;

  @AfterEach
  void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Metrics.Exemplar exemplar(String id) {
    return Metrics.Exemplar.newBuilder()
        .addLabel(Metrics.LabelPair.newBuilder().setName("trace_id").setValue(id))
        .setValue(0.7)
        .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(123))
        .build();
  }

  private static Metrics.BucketSpan span(int offset, int length) {
    return Metrics.BucketSpan.newBuilder().setOffset(offset).setLength(length).build();
  }

  private static Metrics.LabelPair label(String name, String value) {
    return Metrics.LabelPair.newBuilder().setName(name).setValue(value).build();
  }

  static List<Metrics.MetricFamily> pushed() {
    Metrics.Histogram intNative =
        Metrics.Histogram.newBuilder()
            .setSampleCount(7)
            .setSampleSum(3.5)
            .setSchema(0)
            .setZeroThreshold(0.001)
            .setZeroCount(1)
            .addNegativeSpan(span(1, 1))
            .addNegativeDelta(3)
            .addPositiveSpan(span(0, 2))
            .addAllPositiveDelta(List.of(2L, -1L))
            .addExemplars(exemplar("int"))
            .setCreatedTimestamp(Timestamp.newBuilder().setSeconds(1_600_000_000))
            .build();
    Metrics.Histogram floatNative =
        Metrics.Histogram.newBuilder()
            .setSampleCountFloat(4.5)
            .setSampleSum(9)
            .setSchema(-1)
            .addPositiveSpan(span(2, 1))
            .addPositiveCount(4.5)
            .build();
    return List.of(
        Metrics.MetricFamily.newBuilder()
            .setName("calls")
            .setHelp("Calls with a trace.")
            .setType(Metrics.MetricType.COUNTER)
            .addMetric(
                Metrics.Metric.newBuilder()
                    .addLabel(label("path", "/x"))
                    .setCounter(
                        Metrics.Counter.newBuilder()
                            .setValue(12)
                            .setExemplar(exemplar("c"))
                            .setCreatedTimestamp(Timestamp.newBuilder().setSeconds(1_650_000_000))))
            .build(),
        Metrics.MetricFamily.newBuilder()
            .setName("latency_seconds")
            .setType(Metrics.MetricType.HISTOGRAM)
            .addMetric(Metrics.Metric.newBuilder().setHistogram(intNative))
            .build(),
        Metrics.MetricFamily.newBuilder()
            .setName("load_ratio")
            .setType(Metrics.MetricType.HISTOGRAM)
            .addMetric(Metrics.Metric.newBuilder().setHistogram(floatNative))
            .build());
  }

  private HttpResponse<byte[]> call(int node, String path, HttpRequest.Builder request) {
    URI uri = URI.create("http://127.0.0.1:" + cluster.http(node).port() + path);
    try {
      return CLIENT.send(
          request.uri(uri).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aProtobufPushKeepsNativeHistogramsAndExemplarsOnEveryNode() throws IOException {
    cluster = new InProcessCluster(dir, 3, 10_000, 8 << 20);
    int follower = cluster.follower();
    int other = (follower + 1) % 3;
    int third = (follower + 2) % 3;

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Metrics.MetricFamily f : pushed()) {
      f.writeDelimitedTo(body);
    }
    var pushed =
        call(
            follower,
            "/metrics/job/nat/instance/i1",
            HttpRequest.newBuilder()
                .header("Content-Type", PROTOBUF)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    assertEquals(200, pushed.statusCode(), new String(pushed.body()));

    var scraped =
        call(other, "/metrics", HttpRequest.newBuilder().header("Accept", PROTOBUF).GET());
    assertEquals(200, scraped.statusCode());
    List<Metrics.MetricFamily> families = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(scraped.body());
    Metrics.MetricFamily f;
    while ((f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
      families.add(f);
    }
    for (Metrics.MetricFamily sent : pushed()) {
      Metrics.MetricFamily got =
          families.stream()
              .filter(x -> x.getName().equals(sent.getName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError(sent.getName() + " not scraped"));
      assertEquals(sent.getType(), got.getType());
      assertEquals(sent.getHelp(), got.getHelp());
      assertEquals(1, got.getMetricCount());
      Metrics.Metric want = sent.getMetric(0);
      Metrics.Metric have = got.getMetric(0);
      // Field by field, so that a failure names the field that was lost.
      assertEquals(
          List.of(label("instance", "i1"), label("job", "nat")),
          have.getLabelList().stream().filter(l -> !l.getName().equals("path")).toList());
      assertEquals(want.getCounter(), have.getCounter(), "counter with exemplar and created");
      Metrics.Histogram wh = want.getHistogram();
      Metrics.Histogram hh = have.getHistogram();
      assertEquals(wh.getSampleCount(), hh.getSampleCount());
      assertEquals(wh.getSampleCountFloat(), hh.getSampleCountFloat());
      assertEquals(wh.getSampleSum(), hh.getSampleSum());
      assertEquals(wh.getSchema(), hh.getSchema());
      assertEquals(wh.getZeroThreshold(), hh.getZeroThreshold());
      assertEquals(wh.getZeroCount(), hh.getZeroCount());
      assertEquals(wh.getZeroCountFloat(), hh.getZeroCountFloat());
      assertEquals(wh.getNegativeSpanList(), hh.getNegativeSpanList());
      assertEquals(wh.getNegativeDeltaList(), hh.getNegativeDeltaList());
      assertEquals(wh.getNegativeCountList(), hh.getNegativeCountList());
      assertEquals(wh.getPositiveSpanList(), hh.getPositiveSpanList());
      assertEquals(wh.getPositiveDeltaList(), hh.getPositiveDeltaList());
      assertEquals(wh.getPositiveCountList(), hh.getPositiveCountList());
      assertEquals(wh.getExemplarsList(), hh.getExemplarsList());
      assertEquals(wh.getCreatedTimestamp(), hh.getCreatedTimestamp());
      assertEquals(wh.getBucketList(), hh.getBucketList());
      assertEquals(want.hasTimestampMs(), have.hasTimestampMs());
    }

    String text = new String(call(third, "/metrics", HttpRequest.newBuilder().GET()).body());
    assertTrue(
        text.contains(
            "latency_seconds_bucket{instance=\"i1\",job=\"nat\",le=\"+Inf\"} 7\n"
                + "latency_seconds_sum{instance=\"i1\",job=\"nat\"} 3.5\n"
                + "latency_seconds_count{instance=\"i1\",job=\"nat\"} 7\n"),
        text);
    assertTrue(
        text.contains("load_ratio_count{instance=\"i1\",job=\"nat\"} 4.5\n"), "M30 float: " + text);
    assertTrue(text.contains("calls{instance=\"i1\",job=\"nat\",path=\"/x\"} 12\n"), text);
    assertNotEquals(-1, text.indexOf("# TYPE calls counter"));
    assertTrue(!text.contains("trace_id"), "M31: no exemplar in text 0.0.4");

    String json = new String(call(third, "/api/v1/metrics", HttpRequest.newBuilder().GET()).body());
    assertTrue(
        json.contains(
            "{\"buckets\":[[1,\"-2\",\"-1\",\"3\"],[3,\"-0.001\",\"0.001\",\"1\"],"
                + "[0,\"0.5\",\"1\",\"2\"],[0,\"1\",\"2\",\"1\"]],\"count\":\"7\""),
        json);
    assertTrue(json.contains("{\"buckets\":[[0,\"4\",\"16\",\"4.5\"]],\"count\":\"4.5\""), json);
  }

  @Test
  void aFollowerRebuiltFromASnapshotHasThemToo() throws IOException {
    cluster = new InProcessCluster(dir, 3, 20, 4 * 1024);
    int follower = cluster.follower();
    cluster.stop(follower);
    cluster.wipe(follower);
    int leader = cluster.leader();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Metrics.MetricFamily f : pushed()) {
      f.writeDelimitedTo(body);
    }
    var pushed =
        call(
            leader,
            "/metrics/job/nat",
            HttpRequest.newBuilder()
                .header("Content-Type", PROTOBUF)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    assertEquals(200, pushed.statusCode(), new String(pushed.body()));
    for (int i = 0; i < 120; i++) {
      assertEquals(200, cluster.http(leader).put("/metrics/job/filler", "f " + i + "\n").status());
    }
    // The push is no longer in the leader's log: only a snapshot can carry it to the follower.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cluster.node(leader).raft().status().logStartIndex() > 2);

    cluster.start(follower);

    byte[] expected = localProtobuf(leader);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertArrayEquals(expected, localProtobuf(follower)));
    assertTrue(cluster.node(follower).raft().status().snapshotIndex() > 0, "installed a snapshot");
    assertTrue(
        Metrics.MetricFamily.parseDelimitedFrom(new ByteArrayInputStream(expected))
            .getName()
            .equals("calls"));
  }

  /** The node's own applied state as a protobuf scrape, without a read barrier. */
  private byte[] localProtobuf(int node) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProtobufWriter.write(cluster.node(node).raft().stateMachine().view().families(), out);
    return out.toByteArray();
  }
}
