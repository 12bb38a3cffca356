package pgw.api.protobuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pgw.api.DataPoint;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

class ProtobufParserTest {

  @Test
  void parsesGaugeAndUntypedFamilies() {
    // C10
    byte[] body =
        body(
            family("c10_untyped", Metrics.MetricType.UNTYPED, untyped(1.234)),
            family("c10_gauge", Metrics.MetricType.GAUGE, gauge(3.14).addLabel(label("foo", "bar")))
                .setHelp("pb help"));
    assertEquals(
        List.of(
            new MetricFamily(
                "c10_untyped",
                MetricType.UNTYPED,
                "",
                List.of(new DataPoint.Scalar(Labels.EMPTY, 1.234))),
            new MetricFamily(
                "c10_gauge",
                MetricType.GAUGE,
                "pb help",
                List.of(new DataPoint.Scalar(Labels.of("foo", "bar"), 3.14)))),
        ProtobufParser.parse(body));
  }

  @Test
  void emptyBodyPushesNoFamilies() {
    assertEquals(List.of(), ProtobufParser.parse(new byte[0]));
  }

  @Test
  void laterFamilyWithTheSameNameReplacesTheEarlierOne() {
    // C13; the replaced one is not validated either
    byte[] body =
        body(
            family("c13", Metrics.MetricType.GAUGE, gauge(1).addLabel(label("a-b", "x"))),
            family("other", Metrics.MetricType.GAUGE, gauge(0)),
            family("c13", Metrics.MetricType.GAUGE, gauge(2)));
    List<MetricFamily> families = ProtobufParser.parse(body);
    assertEquals(List.of("c13", "other"), families.stream().map(MetricFamily::name).toList());
    assertEquals(List.of(new DataPoint.Scalar(Labels.EMPTY, 2)), families.get(0).points());
  }

  @ParameterizedTest
  @ValueSource(longs = {1000, -5, 0, Long.MIN_VALUE})
  void keepsTimestampsForTheStoreToReject(long timestampMs) {
    // C12
    byte[] body =
        body(family("c12", Metrics.MetricType.GAUGE, gauge(1).setTimestampMs(timestampMs)));
    DataPoint point = ProtobufParser.parse(body).get(0).points().get(0);
    assertTrue(point.hasTimestamp());
  }

  @Test
  void truncatedMessageIsUnexpectedEof() {
    // C14
    ProtobufParseException e =
        assertThrows(
            ProtobufParseException.class,
            () -> ProtobufParser.parse(new byte[] {0x05, 0x61, 0x62, 0x63}));
    assertEquals("unexpected EOF", e.getMessage());
  }

  @Test
  void bodyEndingInsideALengthIsUnexpectedEof() {
    byte[] body = {(byte) 0x80};
    assertEquals(
        "unexpected EOF",
        assertThrows(ProtobufParseException.class, () -> ProtobufParser.parse(body)).getMessage());
  }

  @Test
  void lengthLongerThanFiveBytesIsAnInvalidVarint() {
    byte[] body = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
    assertEquals(
        "invalid varint32 encountered",
        assertThrows(ProtobufParseException.class, () -> ProtobufParser.parse(body)).getMessage());
  }

  @Test
  void garbageMessageIsInvalidWireFormat() {
    byte[] body = {0x02, 0x00, 0x00}; // field number 0 does not exist
    assertEquals(
        "proto: cannot parse invalid wire-format data",
        assertThrows(ProtobufParseException.class, () -> ProtobufParser.parse(body)).getMessage());
  }

  @Test
  void failingStreamIsReportedWithItsError() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    assertEquals(
        "connection reset",
        assertThrows(ProtobufParseException.class, () -> ProtobufParser.parse(broken))
            .getMessage());
  }

  @Test
  void parsesCounterSummaryAndHistogram() {
    Metrics.Summary.Builder summary =
        Metrics.Summary.newBuilder().setSampleCount(4).setSampleSum(10);
    summary.addQuantile(Metrics.Quantile.newBuilder().setQuantile(0.5).setValue(1.5));
    Metrics.Histogram.Builder histogram =
        Metrics.Histogram.newBuilder().setSampleCount(4).setSampleSum(5.5);
    histogram.addBucket(Metrics.Bucket.newBuilder().setUpperBound(1).setCumulativeCount(1));
    byte[] body =
        body(
            family("c", Metrics.MetricType.COUNTER, counter(7)),
            family("s", Metrics.MetricType.SUMMARY, metric().setSummary(summary)),
            family("h", Metrics.MetricType.HISTOGRAM, metric().setHistogram(histogram)),
            family("gh", Metrics.MetricType.GAUGE_HISTOGRAM, metric().setHistogram(histogram)));
    List<MetricFamily> families = ProtobufParser.parse(body);
    assertEquals(new DataPoint.Scalar(Labels.EMPTY, 7), families.get(0).points().get(0));
    assertEquals(
        new DataPoint.Summary(
            Labels.EMPTY, 4, 10, List.of(new DataPoint.Quantile(0.5, 1.5)), DataPoint.NO_TIMESTAMP),
        families.get(1).points().get(0));
    DataPoint.Histogram expected =
        new DataPoint.Histogram(
            Labels.EMPTY, 4, 5.5, List.of(new DataPoint.Bucket(1, 1)), DataPoint.NO_TIMESTAMP);
    assertEquals(expected, families.get(2).points().get(0));
    assertEquals(MetricType.GAUGE_HISTOGRAM, families.get(3).type());
    assertEquals(expected, families.get(3).points().get(0));
  }

  @Test
  void floatHistogramCountsStayFloatsInTheExtras() {
    Metrics.Histogram.Builder histogram =
        Metrics.Histogram.newBuilder().setSampleCountFloat(3.5).setSampleSum(1);
    histogram.addBucket(Metrics.Bucket.newBuilder().setUpperBound(2).setCumulativeCountFloat(2));
    byte[] body = body(family("f", Metrics.MetricType.HISTOGRAM, metric().setHistogram(histogram)));
    DataPoint.Histogram point =
        (DataPoint.Histogram) ProtobufParser.parse(body).get(0).points().get(0);
    // The integer fields as sent (none), the float ones untruncated beside them.
    assertEquals(0, point.count());
    assertEquals(List.of(new DataPoint.Bucket(2, 0)), point.buckets());
    PointExtras.Counts counts = PointExtras.counts(point);
    assertEquals(3.5, counts.count());
    assertEquals(2.0, counts.buckets()[0]);
  }

  @Test
  void scalarFamilyWithAnotherScalarKindGetsAPointTheFamilyCannotHold() {
    byte[] body = body(family("g", Metrics.MetricType.GAUGE, counter(1)));
    assertInstanceOf(DataPoint.Summary.class, ProtobufParser.parse(body).get(0).points().get(0));
  }

  @Test
  void summaryFamilyWithAScalarGetsAScalarPoint() {
    byte[] body = body(family("s", Metrics.MetricType.SUMMARY, gauge(1)));
    assertEquals(
        new DataPoint.Scalar(Labels.EMPTY, 1), ProtobufParser.parse(body).get(0).points().get(0));
  }

  @Test
  void histogramFamilyWithASummaryKeepsTheSummary() {
    Metrics.Summary.Builder summary = Metrics.Summary.newBuilder().setSampleCount(1);
    byte[] body = body(family("h", Metrics.MetricType.HISTOGRAM, metric().setSummary(summary)));
    assertInstanceOf(DataPoint.Summary.class, ProtobufParser.parse(body).get(0).points().get(0));
  }

  @Test
  void familyWithoutMetricsIsKept() {
    // M32
    byte[] body =
        body(Metrics.MetricFamily.newBuilder().setName("empty").setType(Metrics.MetricType.GAUGE));
    assertEquals(
        List.of(new MetricFamily("empty", MetricType.GAUGE, "", List.of())),
        ProtobufParser.parse(body));
  }

  @ParameterizedTest
  @ValueSource(strings = {"c51.bad-name", "", "1a", "a b"})
  void rejectsMetricNamesTheTextFormatCannotCarry(String name) {
    // D9, C51
    byte[] body = body(family(name, Metrics.MetricType.GAUGE, gauge(1)));
    assertEquals(
        ProtobufFamilies.CHECK_PREFIX + "metric name \"" + name + "\" is invalid",
        assertThrows(ProtobufParseException.class, () -> ProtobufParser.parse(body)).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a-b", "__x", "", "1a", "ö"})
  void rejectsInvalidLabelNames(String name) {
    byte[] body = body(family("m", Metrics.MetricType.GAUGE, gauge(1).addLabel(label(name, "v"))));
    assertEquals(
        ProtobufFamilies.CHECK_PREFIX
            + "collected metric \"m\" has a label with an invalid name: "
            + name,
        assertThrows(ProtobufParseException.class, () -> ProtobufParser.parse(body)).getMessage());
  }

  @Test
  void rejectsDuplicateLabelNames() {
    byte[] body =
        body(
            family(
                "m",
                Metrics.MetricType.GAUGE,
                gauge(1)
                    .addLabel(label("b", "1"))
                    .addLabel(label("a", "x"))
                    .addLabel(label("b", "2"))));
    assertEquals(
        ProtobufFamilies.CHECK_PREFIX
            + "collected metric \"m\" has two or more labels with the same name: b",
        assertThrows(ProtobufParseException.class, () -> ProtobufParser.parse(body)).getMessage());
  }

  @Test
  void rejectsLabelValuesThatAreNotUtf8() {
    byte[] body = body(family("m", Metrics.MetricType.GAUGE, gauge(1).addLabel(label("l", "Z"))));
    for (int i = 0; i < body.length; i++) {
      if (body[i] == 'Z') {
        body[i] = (byte) 0xff;
      }
    }
    assertEquals(
        ProtobufFamilies.CHECK_PREFIX
            + "collected metric \"m\" has a label named \"l\" whose value is not utf8",
        assertThrows(ProtobufParseException.class, () -> ProtobufParser.parse(body)).getMessage());
  }

  @Test
  void sortsLabelsAndKeepsUtf8Values() {
    byte[] body =
        body(
            family(
                "m",
                Metrics.MetricType.GAUGE,
                gauge(1).addLabel(label("z", "Προμηθεύς")).addLabel(label("a", ""))));
    assertEquals(
        Labels.of("a", "", "z", "Προμηθεύς"),
        ProtobufParser.parse(body).get(0).points().get(0).labels());
  }

  private static Metrics.MetricFamily.Builder family(
      String name, Metrics.MetricType type, Metrics.Metric.Builder... metrics) {
    Metrics.MetricFamily.Builder family =
        Metrics.MetricFamily.newBuilder().setName(name).setType(type);
    for (Metrics.Metric.Builder metric : metrics) {
      family.addMetric(metric);
    }
    return family;
  }

  private static Metrics.Metric.Builder metric() {
    return Metrics.Metric.newBuilder();
  }

  private static Metrics.Metric.Builder gauge(double value) {
    return metric().setGauge(Metrics.Gauge.newBuilder().setValue(value));
  }

  private static Metrics.Metric.Builder counter(double value) {
    return metric().setCounter(Metrics.Counter.newBuilder().setValue(value));
  }

  private static Metrics.Metric.Builder untyped(double value) {
    return metric().setUntyped(Metrics.Untyped.newBuilder().setValue(value));
  }

  private static Metrics.LabelPair label(String name, String value) {
    return Metrics.LabelPair.newBuilder().setName(name).setValue(value).build();
  }

  private static byte[] body(Metrics.MetricFamily.Builder... families) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (Metrics.MetricFamily.Builder family : families) {
        family.build().writeDelimitedTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
