package pgw.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pgw.api.DataPoint;
import pgw.api.DataPoint.Bucket;
import pgw.api.DataPoint.Quantile;
import pgw.api.DataPoint.Scalar;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

/** What the text parser accepts, and the families it builds from it (spec §2.2). */
class TextParserTest {

  static List<MetricFamily> parse(String body) throws ParseException {
    return TextParser.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  static MetricFamily only(String body) throws ParseException {
    List<MetricFamily> families = parse(body);
    assertEquals(1, families.size(), families::toString);
    return families.get(0);
  }

  static double value(String body) throws ParseException {
    return ((Scalar) only(body).points().get(0)).value();
  }

  @Test
  void untypedSamplesWithoutTypeLine() throws ParseException {
    List<MetricFamily> families =
        parse("some_metric 3.14\nanother_metric{instance=\"x\",job=\"y\"} 42\n");
    assertEquals(
        List.of(
            new MetricFamily(
                "some_metric", MetricType.UNTYPED, "", List.of(new Scalar(Labels.EMPTY, 3.14))),
            new MetricFamily(
                "another_metric",
                MetricType.UNTYPED,
                "",
                List.of(new Scalar(Labels.of("instance", "x", "job", "y"), 42)))),
        families);
  }

  @Test
  void emptyBodyHasNoFamilies() throws ParseException {
    assertEquals(List.of(), parse(""));
    assertEquals(List.of(), parse("\n\n  \n\t\n   "));
  }

  @Test
  void helpAndTypeWithoutSamplesAreDropped() throws ParseException {
    assertEquals(List.of(), parse("# HELP c42 h\n# TYPE c42 gauge\n"));
  }

  @Test
  void colonsAndTrailingCommasAndEmptyBracesAreAccepted() throws ParseException {
    assertEquals("a:b", only("a:b 1\n").name());
    assertEquals(Labels.of("a", "b"), only("m{a=\"b\",} 1\n").points().get(0).labels());
    assertEquals(Labels.EMPTY, only("m{} 1\n").points().get(0).labels());
    assertEquals(Labels.of("a", "b"), only("m { a = \"b\" } 1\n").points().get(0).labels());
    assertEquals(1.0, value("m{a=\"b\"}1\n"));
    assertEquals(2.0, value("\t  m\t2\n"));
  }

  @Test
  void reservedLabelPrefixIsLeftToTheConsistencyCheck() throws ParseException {
    assertEquals(Labels.of("__foo", "x"), only("m{__foo=\"x\"} 1\n").points().get(0).labels());
  }

  @ParameterizedTest
  @CsvSource({
    "1e3, 1000",
    "1E3, 1000",
    ".5, 0.5",
    "1., 1",
    "+3, 3",
    "-2.5e-3, -0.0025",
    "007, 7",
    "Inf, Infinity",
    "+Inf, Infinity",
    "-Inf, -Infinity",
    "inf, Infinity",
    "-infinity, -Infinity",
    "NaN, NaN",
    "nan, NaN",
    "1e-400, 0"
  })
  void acceptsGoFloatSyntax(String text, double expected) throws ParseException {
    assertEquals(expected, value("m " + text + "\n"));
  }

  @ParameterizedTest
  @CsvSource({"1000, 1000", "-5, -5", "+7, 7", "0, 0"})
  void keepsTimestampsForTheStoreToReject(String text, long expected) throws ParseException {
    assertEquals(expected, only("m 1 " + text + "\n").points().get(0).timestampMs());
  }

  @Test
  void sampleWithoutTimestampHasNone() throws ParseException {
    assertTrue(!only("m 1\n").points().get(0).hasTimestamp());
  }

  @Test
  void typesAreCaseInsensitiveAndKnowGaugeHistograms() throws ParseException {
    assertEquals(MetricType.COUNTER, only("# TYPE m COUNTER\nm 1\n").type());
    assertEquals(MetricType.GAUGE, only("# TYPE m Gauge\nm 1\n").type());
    assertEquals(MetricType.UNTYPED, only("# TYPE m untyped\nm 1\n").type());
    assertEquals(MetricType.GAUGE_HISTOGRAM, only("# TYPE m gaugehistogram\nm 1\n").type());
    assertEquals(MetricType.GAUGE_HISTOGRAM, only("# TYPE m gauge_histogram\nm 1\n").type());
  }

  @Test
  void helpIsUnescaped() throws ParseException {
    assertEquals("a \\ b \n c \"q\"", only("# HELP m a \\\\ b \\n c \\\"q\\\"\nm 1\n").help());
  }

  @Test
  void labelValuesAreUnescaped() throws ParseException {
    Labels labels = only("m{v=\"q\\\"b\\\\s\\nn\",u=\"Björn\"} 1\n").points().get(0).labels();
    assertEquals(Labels.of("v", "q\"b\\s\nn", "u", "Björn"), labels);
  }

  @Test
  void commentsAndBlankLinesAreSkipped() throws ParseException {
    String body = "#\n# plain comment\n#HELP m text\n\n   # TYPE m gauge\n\nm 1\n# EOF\n";
    assertEquals(
        new MetricFamily("m", MetricType.GAUGE, "text", List.of(new Scalar(Labels.EMPTY, 1))),
        only(body));
  }

  @Test
  void openMetricsCounterBecomesUntypedTotal() throws ParseException {
    assertEquals(
        new MetricFamily("om_total", MetricType.UNTYPED, "", List.of(new Scalar(Labels.EMPTY, 3))),
        only("# HELP om a counter\n# TYPE om counter\nom_total 3\n# EOF\n"));
  }

  @Test
  void nonContiguousSamplesJoinTheirFamilyInFirstSeenOrder() throws ParseException {
    List<MetricFamily> families = parse("nc{x=\"1\"} 1\nother 2\nnc{x=\"2\"} 3\n");
    assertEquals(List.of("nc", "other"), families.stream().map(MetricFamily::name).toList());
    assertEquals(
        List.of(new Scalar(Labels.of("x", "1"), 1), new Scalar(Labels.of("x", "2"), 3)),
        families.get(0).points());
  }

  @Test
  void familyOrderCountsCommentsAsFirstSight() throws ParseException {
    List<MetricFamily> families = parse("# HELP b text\na 1\nb 2\n");
    assertEquals(List.of("b", "a"), families.stream().map(MetricFamily::name).toList());
  }

  @Test
  void duplicateSamplesAreLeftToTheConsistencyCheck() throws ParseException {
    assertEquals(2, only("c30 1\nc30 2\n").points().size());
  }

  @Test
  void summaryIsAssembledPerLabelSet() throws ParseException {
    String body =
        "# HELP s A summary.\n# TYPE s summary\n"
            + "s{a=\"x\",quantile=\"0.5\"} 1.5\ns{a=\"y\",quantile=\"0.5\"} 7\n"
            + "s{quantile=\"0.9\",a=\"x\"} 2\ns_sum{a=\"x\"} 10\ns_count{a=\"x\"} 4\n";
    MetricFamily f = only(body);
    assertEquals(MetricType.SUMMARY, f.type());
    assertEquals("A summary.", f.help());
    assertEquals(
        List.of(
            new DataPoint.Summary(
                Labels.of("a", "x"),
                4,
                10,
                List.of(new Quantile(0.5, 1.5), new Quantile(0.9, 2)),
                DataPoint.NO_TIMESTAMP),
            new DataPoint.Summary(
                Labels.of("a", "y"), 0, 0, List.of(new Quantile(0.5, 7)), DataPoint.NO_TIMESTAMP)),
        f.points());
  }

  @Test
  void histogramIsAssembledWithoutRequiringInfBucket() throws ParseException {
    String body =
        "# TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"1\"} 3\n"
            + "h_sum 5.5\nh_count 4\n";
    assertEquals(
        new MetricFamily(
            "h",
            MetricType.HISTOGRAM,
            "",
            List.of(
                new DataPoint.Histogram(
                    Labels.EMPTY,
                    4,
                    5.5,
                    List.of(new Bucket(0.5, 1), new Bucket(1, 3)),
                    DataPoint.NO_TIMESTAMP))),
        only(body));
  }

  @Test
  void suffixLinesJoinOnlyAFamilyOfThatType() throws ParseException {
    List<MetricFamily> families = parse("# TYPE g gauge\ng 1\ng_count 2\ng_sum 3\n");
    assertEquals(
        List.of("g", "g_count", "g_sum"), families.stream().map(MetricFamily::name).toList());
    List<MetricFamily> summary = parse("# TYPE s summary\ns_bucket 1\ns_count 2\n");
    assertEquals(List.of("s", "s_bucket"), summary.stream().map(MetricFamily::name).toList());
  }

  @Test
  void quantileAndLeAreOrdinaryLabelsElsewhere() throws ParseException {
    assertEquals(
        Labels.of("quantile", "x", "le", "y"),
        only("m{quantile=\"x\",le=\"y\"} 1\n").points().get(0).labels());
  }

  @Test
  void nanQuantileLinesAreIgnoredLikeUpstream() throws ParseException {
    DataPoint.Summary s =
        (DataPoint.Summary) only("# TYPE s summary\ns{quantile=\"NaN\"} 1\n").points().get(0);
    assertEquals(List.of(), s.quantiles());
  }

  @Test
  void fractionalCountsAreTruncatedToUint64() throws ParseException {
    DataPoint.Summary s =
        (DataPoint.Summary) only("# TYPE s summary\ns_count 2.9\n").points().get(0);
    assertEquals(2, s.count());
  }
}
