package pgw.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import pgw.api.DataPoint;
import pgw.api.Labels;
import pgw.api.protobuf.ProtobufParser;

/** The histogram part of {@code /api/v1/metrics} (spec §1.5, upstream 1.11). */
class HistogramJsonTest {

  private static DataPoint.Histogram parsed(Metrics.Histogram h) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Metrics.MetricFamily.newBuilder()
        .setName("h")
        .setType(Metrics.MetricType.HISTOGRAM)
        .addMetric(Metrics.Metric.newBuilder().setHistogram(h))
        .build()
        .writeDelimitedTo(body);
    return (DataPoint.Histogram) ProtobufParser.parse(body.toByteArray()).get(0).points().get(0);
  }

  @Test
  void bucketBoundsFollowTheSchema() {
    assertEquals(1, HistogramJson.bound(0, 0));
    assertEquals(0.5, HistogramJson.bound(-1, 0));
    assertEquals(16, HistogramJson.bound(2, -1));
    assertEquals(Math.sqrt(2), HistogramJson.bound(4, 3), 1e-15);
    // The last finite bucket ends at the largest double; the one after it counts ±Inf.
    assertEquals(Double.MAX_VALUE, HistogramJson.bound(1024, 0));
    assertEquals(Double.MAX_VALUE, HistogramJson.bound(256, -2));
    assertEquals(Double.POSITIVE_INFINITY, HistogramJson.bound(1025, 0));
  }

  @Test
  void classicHistogramKeepsItsObjectOfBuckets() {
    var h =
        new DataPoint.Histogram(
            Labels.EMPTY,
            1_000_000,
            2,
            List.of(new DataPoint.Bucket(0.5, 3), new DataPoint.Bucket(1e6, 1_000_000)),
            DataPoint.NO_TIMESTAMP);
    assertEquals(
        new HistogramJson.Rendered("{\"0.5\":\"3\",\"1e+06\":\"1000000\"}", "1000000"),
        HistogramJson.render(h));
  }

  @Test
  void classicFloatHistogramShowsFloatCounts() throws IOException {
    var h =
        parsed(
            Metrics.Histogram.newBuilder()
                .setSampleCountFloat(1e6)
                .setSampleSum(1)
                .addBucket(
                    Metrics.Bucket.newBuilder().setUpperBound(1).setCumulativeCountFloat(2.5))
                .build());
    assertEquals(new HistogramJson.Rendered("{\"1\":\"2.5\"}", "1e+06"), HistogramJson.render(h));
  }

  @Test
  void floatNativeHistogramListsNonEmptyBucketsMostNegativeFirst() throws IOException {
    var h =
        parsed(
            Metrics.Histogram.newBuilder()
                .setSampleCountFloat(6)
                .setSchema(1)
                .setZeroThreshold(0.25)
                .setZeroCountFloat(1)
                .addNegativeSpan(Metrics.BucketSpan.newBuilder().setOffset(0).setLength(3))
                .addAllNegativeCount(List.of(1.0, 0.0, 2.0))
                .addPositiveSpan(Metrics.BucketSpan.newBuilder().setOffset(1).setLength(1))
                .addPositiveCount(2)
                .build());
    String sqrt2 = Double.toString(Math.pow(2, 0.5));
    assertEquals(
        new HistogramJson.Rendered(
            "[[1,\"-2\",\"-"
                + sqrt2
                + "\",\"2\"],"
                + "[1,\"-1\",\"-0.7071067811865476\",\"1\"],"
                + "[3,\"-0.25\",\"0.25\",\"1\"],"
                + "[0,\"1\",\""
                + sqrt2
                + "\",\"2\"]]",
            "6"),
        HistogramJson.render(h));
  }

  @Test
  void spansLongerThanTheCountsSentCostNothing() throws IOException {
    var h =
        parsed(
            Metrics.Histogram.newBuilder()
                .setSampleCount(1)
                .addPositiveSpan(Metrics.BucketSpan.newBuilder().setOffset(0).setLength(-1))
                .addPositiveDelta(1)
                .build());
    assertEquals(
        new HistogramJson.Rendered("[[0,\"0.5\",\"1\",\"1\"]]", "1"), HistogramJson.render(h));
  }
}
