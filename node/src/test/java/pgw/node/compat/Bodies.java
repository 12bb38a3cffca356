package pgw.node.compat;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/** Request bodies a case file names: gzip, hex, and the protobuf pushes of the §11 cases. */
final class Bodies {
  static final String PROTOBUF_TYPE =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
          + " encoding=delimited";

  private static final Map<String, Supplier<byte[]>> PROTOBUF =
      Map.of(
          "c10",
          () ->
              delimited(
                  family("c10_untyped", Metrics.MetricType.UNTYPED, untyped(1.234)),
                  family(
                          "c10_gauge",
                          Metrics.MetricType.GAUGE,
                          gauge(3.14).addLabel(label("foo", "bar")))
                      .setHelp("pb help")),
          "c12",
          () -> delimited(family("c12", Metrics.MetricType.GAUGE, gauge(1).setTimestampMs(1000))),
          "c13",
          () ->
              delimited(
                  family("c13", Metrics.MetricType.GAUGE, gauge(1)),
                  family("c13", Metrics.MetricType.GAUGE, gauge(2))),
          "c51-label",
          () ->
              delimited(
                  family("c51", Metrics.MetricType.GAUGE, gauge(1).addLabel(label("a-b", "x")))),
          "c51-name",
          () -> delimited(family("c51.bad-name", Metrics.MetricType.GAUGE, gauge(1))),
          "m31-exemplar",
          () ->
              delimited(
                  family(
                      "m31",
                      Metrics.MetricType.COUNTER,
                      Metrics.Metric.newBuilder()
                          .setCounter(
                              Metrics.Counter.newBuilder()
                                  .setValue(3)
                                  .setExemplar(
                                      Metrics.Exemplar.newBuilder()
                                          .addLabel(label("trace_id", "x"))
                                          .setValue(0.5))))),
          "x06",
          () ->
              delimited(
                  family(
                          "x06_h",
                          Metrics.MetricType.HISTOGRAM,
                          Metrics.Metric.newBuilder()
                              .setHistogram(
                                  Metrics.Histogram.newBuilder()
                                      .setSampleCount(5)
                                      .setSampleSum(2.5)
                                      .addBucket(
                                          Metrics.Bucket.newBuilder()
                                              .setUpperBound(0.25)
                                              .setCumulativeCount(2))
                                      .addBucket(
                                          Metrics.Bucket.newBuilder()
                                              .setUpperBound(1e6)
                                              .setCumulativeCount(4))))
                      .setHelp("histo \\ help\nline"),
                  family(
                      "x06_s",
                      Metrics.MetricType.SUMMARY,
                      Metrics.Metric.newBuilder()
                          .addLabel(label("b", "2"))
                          .addLabel(label("a", "1"))
                          .setSummary(
                              Metrics.Summary.newBuilder()
                                  .setSampleCount(7)
                                  .setSampleSum(0.1)
                                  .addQuantile(
                                      Metrics.Quantile.newBuilder().setQuantile(0.5).setValue(3))
                                  .addQuantile(
                                      Metrics.Quantile.newBuilder()
                                          .setQuantile(0.99)
                                          .setValue(9)))),
                  family(
                      "x06_c",
                      Metrics.MetricType.COUNTER,
                      Metrics.Metric.newBuilder()
                          .setCounter(Metrics.Counter.newBuilder().setValue(12345678.9)))),
          "m32-empty",
          () ->
              delimited(
                  Metrics.MetricFamily.newBuilder()
                      .setName("m32")
                      .setType(Metrics.MetricType.GAUGE)));

  private Bodies() {}

  static byte[] protobuf(String name) {
    Supplier<byte[]> body = PROTOBUF.get(name);
    if (body == null) {
      throw new IllegalArgumentException("no protobuf body named " + name);
    }
    return body.get();
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Framed snappy with one uncompressed chunk: what a snappy writer may legally send. */
  static byte[] snappyFramed(byte[] plain) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(plain);
    int c = (int) crc.getValue();
    int masked = ((c >>> 15) | (c << 17)) + 0xa282ead8;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xff, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'});
    int len = plain.length + 4;
    out.writeBytes(new byte[] {1, (byte) len, (byte) (len >> 8), (byte) (len >> 16)});
    out.writeBytes(
        new byte[] {
          (byte) masked, (byte) (masked >> 8), (byte) (masked >> 16), (byte) (masked >> 24)
        });
    out.writeBytes(plain);
    return out.toByteArray();
  }

  /** A valid text body of {@code size} bytes that holds only one comment line. */
  static byte[] bigComment(int size) {
    byte[] b = new byte[size];
    java.util.Arrays.fill(b, (byte) 'x');
    b[0] = '#';
    b[1] = ' ';
    b[size - 1] = '\n';
    return b;
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static Metrics.MetricFamily.Builder family(
      String name, Metrics.MetricType type, Metrics.Metric.Builder... metrics) {
    Metrics.MetricFamily.Builder f = Metrics.MetricFamily.newBuilder().setName(name).setType(type);
    for (Metrics.Metric.Builder m : metrics) {
      f.addMetric(m);
    }
    return f;
  }

  static Metrics.Metric.Builder gauge(double v) {
    return Metrics.Metric.newBuilder().setGauge(Metrics.Gauge.newBuilder().setValue(v));
  }

  static Metrics.Metric.Builder untyped(double v) {
    return Metrics.Metric.newBuilder().setUntyped(Metrics.Untyped.newBuilder().setValue(v));
  }

  static Metrics.LabelPair label(String name, String value) {
    return Metrics.LabelPair.newBuilder().setName(name).setValue(value).build();
  }

  static byte[] delimited(Metrics.MetricFamily.Builder... families) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (Metrics.MetricFamily.Builder f : families) {
        f.build().writeDelimitedTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
