package pgw.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pgw.api.DataPoint;
import pgw.api.DataPoint.Bucket;
import pgw.api.DataPoint.Quantile;
import pgw.api.DataPoint.Scalar;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

/** Text format 0.0.4 output, line for line as upstream writes it (spec §9.2, §11 C36). */
class TextWriterTest {
  private static final Labels C36 = Labels.of("instance", "i", "job", "c36");
  private static final long NO_TS = DataPoint.NO_TIMESTAMP;

  static String write(List<MetricFamily> families) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextWriter.write(families, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static String roundTrip(String body) throws Exception {
    return write(TextParser.parse(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void writesC36Families() throws IOException {
    List<MetricFamily> families =
        List.of(
            new MetricFamily("c36_counter", MetricType.COUNTER, "", List.of(new Scalar(C36, 7))),
            new MetricFamily(
                "c36_hist",
                MetricType.HISTOGRAM,
                "",
                List.of(
                    new DataPoint.Histogram(
                        C36,
                        4,
                        5.5,
                        List.of(new Bucket(1, 1), new Bucket(Double.POSITIVE_INFINITY, 4)),
                        NO_TS))),
            new MetricFamily(
                "c36_summary",
                MetricType.SUMMARY,
                "",
                List.of(new DataPoint.Summary(C36, 4, 10, List.of(new Quantile(0.5, 1.5)), NO_TS))),
            new MetricFamily(
                "c36_untyped", MetricType.UNTYPED, "", List.of(new Scalar(C36, Double.NaN))));
    assertEquals(
        """
        # TYPE c36_counter counter
        c36_counter{instance="i",job="c36"} 7
        # TYPE c36_hist histogram
        c36_hist_bucket{instance="i",job="c36",le="1"} 1
        c36_hist_bucket{instance="i",job="c36",le="+Inf"} 4
        c36_hist_sum{instance="i",job="c36"} 5.5
        c36_hist_count{instance="i",job="c36"} 4
        # TYPE c36_summary summary
        c36_summary{instance="i",job="c36",quantile="0.5"} 1.5
        c36_summary_sum{instance="i",job="c36"} 10
        c36_summary_count{instance="i",job="c36"} 4
        # TYPE c36_untyped untyped
        c36_untyped{instance="i",job="c36"} NaN
        """,
        write(families));
  }

  @Test
  void synthesizesInfBucketAndPutsLeLast() throws IOException {
    Labels labels = Labels.of("a", "1", "zz", "2");
    MetricFamily h =
        new MetricFamily(
            "h",
            MetricType.GAUGE_HISTOGRAM,
            "Latency.",
            List.of(
                new DataPoint.Histogram(
                    labels, 3, 0.25, List.of(new Bucket(0.005, 1), new Bucket(2.5e-7, 2)), NO_TS)));
    assertEquals(
        """
        # HELP h Latency.
        # TYPE h histogram
        h_bucket{a="1",zz="2",le="0.005"} 1
        h_bucket{a="1",zz="2",le="2.5e-07"} 2
        h_bucket{a="1",zz="2",le="+Inf"} 3
        h_sum{a="1",zz="2"} 0.25
        h_count{a="1",zz="2"} 3
        """,
        write(List.of(h)));
  }

  @Test
  void writesCountsAsGoPrintsUint64Floats() throws IOException {
    MetricFamily s =
        new MetricFamily(
            "s",
            MetricType.SUMMARY,
            "",
            List.of(new DataPoint.Summary(Labels.EMPTY, 1_000_000, -0.0, List.of(), NO_TS)));
    assertEquals("# TYPE s summary\ns_sum 0\ns_count 1e+06\n", write(List.of(s)));
    MetricFamily wrapped =
        new MetricFamily(
            "w",
            MetricType.SUMMARY,
            "",
            List.of(new DataPoint.Summary(Labels.EMPTY, -1L, 0, List.of(), NO_TS)));
    assertEquals(
        "# TYPE w summary\nw_sum 0\nw_count 1.8446744073709552e+19\n", write(List.of(wrapped)));
  }

  @Test
  void escapesHelpAndLabelValues() throws IOException {
    MetricFamily f =
        new MetricFamily(
            "c44",
            MetricType.GAUGE,
            "a \\ b \n c \"q\"",
            List.of(new Scalar(Labels.of("v", "q\"b\\s\nn"), 1)));
    assertEquals(
        "# HELP c44 a \\\\ b \\n c \"q\"\n# TYPE c44 gauge\nc44{v=\"q\\\"b\\\\s\\nn\"} 1\n",
        write(List.of(f)));
  }

  @Test
  void skipsFamiliesWithoutPoints() throws IOException {
    assertEquals("", write(List.of(new MetricFamily("e", MetricType.GAUGE, "h", List.of()))));
  }

  @Test
  void keepsCounterNamesAsPushed() throws IOException {
    MetricFamily f =
        new MetricFamily("requests", MetricType.COUNTER, "", List.of(new Scalar(Labels.EMPTY, 42)));
    assertEquals("# TYPE requests counter\nrequests 42\n", write(List.of(f)));
  }

  @Test
  void flushesWithoutClosingTheStream() throws IOException {
    boolean[] closed = {false};
    ByteArrayOutputStream out =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    TextWriter.write(
        List.of(new MetricFamily("m", MetricType.GAUGE, "", List.of(new Scalar(Labels.EMPTY, 1)))),
        out);
    assertEquals("# TYPE m gauge\nm 1\n", out.toString(StandardCharsets.UTF_8));
    assertFalse(closed[0]);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "# TYPE up gauge\nup{instance=\"a\",job=\"j\"} 1\nup{instance=\"b\",job=\"j\"} 0\n",
        "# HELP c Total requests.\n# TYPE c counter\nc{code=\"200\"} 1.7954268582404377e+09\n",
        "# TYPE u untyped\nu -Inf\nu{x=\"\\\\\\\"\\n\"} 1e-05\n",
        "# HELP s A \\\\ summary\\n.\n# TYPE s summary\ns{a=\"1\",quantile=\"0.5\"} 3.14\n"
            + "s{a=\"1\",quantile=\"0.99\"} 100000\ns_sum{a=\"1\"} 123456\ns_count{a=\"1\"} 7\n",
        "# TYPE h histogram\nh_bucket{le=\"0.1\"} 0\nh_bucket{le=\"+Inf\"} 2\nh_sum 0.0001\n"
            + "h_count 2\n",
        "# TYPE m gauge\nm 1 1000\n"
      })
  void roundTripsCanonicalBodies(String body) throws Exception {
    assertEquals(body, roundTrip(body));
  }
}
