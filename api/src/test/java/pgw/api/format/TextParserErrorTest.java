package pgw.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejected input of spec §2.2 (and the parser's other errors) with upstream's message. */
class TextParserErrorTest {

  static Stream<Arguments> specTable() {
    return Stream.of(
        row("m1 1", 1, "unexpected end of input stream"),
        row("blablabla\n", 1, "expected float as value, got \"\""),
        row("m 1\r\n", 1, "expected float as value, got \"1\\r\""),
        row("1abc 1\n", 1, "invalid metric name"),
        row("m 0x10\n", 1, "expected float as value, got \"0x10\""),
        row("m 1_000\n", 1, "expected float as value, got \"1_000\""),
        row("m 1 1.5\n", 1, "expected integer as timestamp, got \"1.5\""),
        row("m 1 # {trace_id=\"x\"} 0.5\n", 1, "expected integer as timestamp, got \"#\""),
        row("m{a=b} 1\n", 1, "expected '\"' at start of label value, found 'b'"),
        row("m{a=\"1\",a=\"2\"} 1\n", 1, "duplicate label names for metric \"m\""),
        row("m{__name__=\"x\"} 1\n", 1, "label name \"__name__\" is reserved"),
        row("m{a=\"\u00ff\"} 1\n", 1, "invalid label value \"\\xff\""),
        row(
            "m 1\n# TYPE m gauge\n",
            2,
            "second TYPE line for metric name \"m\", or TYPE reported after samples"),
        row("# HELP m one\n# HELP m two\n", 2, "second HELP line for metric name \"m\""),
        row("# TYPE m foo\n", 1, "unknown metric type \"foo\""),
        row("{\"my.metric\"} 1\n", 1, "invalid metric name"),
        row(
            "# TYPE h histogram\nh_bucket{le=\"x\"} 1\n",
            2,
            "expected float as value for 'le' label, got \"x\""),
        row(
            "# TYPE s summary\ns{quantile=\"x\"} 1\n",
            2,
            "expected float as value for 'quantile' label, got \"x\""));
  }

  static Stream<Arguments> otherErrors() {
    return Stream.of(
        row("m 1\nm2 2", 2, "unexpected end of input stream"),
        row("m{a=\"b\"", 1, "unexpected end of input stream"),
        row("# HELP m text", 1, "unexpected end of input stream"),
        row("# just a comment", 1, "unexpected end of input stream"),
        row("m{a=\"b\\x\"} 1\n", 1, "invalid escape sequence '\\x'"),
        row("m{a=\"b\nc\"} 1\n", 1, "label value \"b\" contains unescaped new-line"),
        row("m{a=\"b\" c} 1\n", 1, "unexpected end of label value \"b\""),
        row("m{1a=\"b\"} 1\n", 1, "invalid label name for metric \"m\""),
        row("m{a \"b\"} 1\n", 1, "expected '=' after label name, found '\"'"),
        row("m{a\n", 1, "expected '=' after label name, found '\\n'"),
        row("m 1 2 3\n", 1, "spurious string after timestamp: \" 3\""),
        row("m 1 \n", 1, "expected integer as timestamp, got \"\""),
        row(
            "m 1 99999999999999999999\n",
            1,
            "expected integer as timestamp, got \"99999999999999999999\""),
        row("m 1e400\n", 1, "expected float as value, got \"1e400\""),
        row("m +nan\n", 1, "expected float as value, got \"+nan\""),
        row("m \u00ff\n", 1, "expected float as value, got \"\\xff\""),
        row("m{a=\"1\"}{b=\"2\"} 1\n", 1, "expected float as value, got \"{b=\\\"2\\\"}\""),
        row("# TYPE 1m gauge\n", 1, "invalid metric name in comment"),
        row("# HELP m a\\z\n", 1, "invalid escape sequence '\\z'"),
        row("# TYPE m gauge \n", 1, "unknown metric type \"gauge \""),
        row("\n# comment\n\n  m{a=\"1\" 2\n", 4, "unexpected end of label value \"1\""),
        row("# TYPE h histogram\nh_count -1\n", 2, "negative count for histogram \"h\""),
        row(
            "# TYPE h histogram\nh_bucket{le=\"1\"} -2\n",
            2,
            "negative bucket population for histogram \"h\""),
        row(
            "# TYPE s summary\n# TYPE s_count gauge\n",
            2,
            "second TYPE line for metric name \"s\", or TYPE reported after samples"));
  }

  private static Arguments row(String body, int line, String detail) {
    return Arguments.of(body, line, detail);
  }

  @ParameterizedTest
  @MethodSource("specTable")
  void rejectsSpecTableRows(String body, int line, String detail) {
    assertRejected(body, line, detail);
  }

  @ParameterizedTest
  @MethodSource("otherErrors")
  void rejectsOtherMalformedInput(String body, int line, String detail) {
    assertRejected(body, line, detail);
  }

  /** Bodies are given as Latin-1 so that a char U+00FF stands for the (invalid UTF-8) byte 0xff. */
  private static void assertRejected(String body, int line, String detail) {
    byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
    ParseException e = assertThrows(ParseException.class, () -> TextParser.parse(bytes));
    assertEquals("text format parsing error in line " + line + ": " + detail, e.getMessage());
    assertEquals(line, e.line());
    assertEquals(detail, e.detail());
  }
}
