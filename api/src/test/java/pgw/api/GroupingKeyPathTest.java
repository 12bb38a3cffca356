package pgw.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GroupingKeyPathTest {

  static Stream<Arguments> accepted() {
    return Stream.of(
        // C06, C16: base64 job with a slash, base64 and plain labels
        ok(
            "/job@base64/dGVzdC9qb2I=/instance@base64/dGVzdGluc3RhbmNl",
            "test/job",
            "instance",
            "testinstance"),
        ok("/job@base64/dGVzdC9qb2I=/x/c16", "test/job", "x", "c16"),
        // C17: base64 first / last / with padding, plain values kept
        ok(
            "/job/c17/label_name1@base64/bGFiZWwvdmFsdWUx/label_name2/label_value2",
            "c17",
            "label_name1",
            "label/value1",
            "label_name2",
            "label_value2"),
        ok(
            "/job/c17/label_name1/label_value1/label_name2@base64/bGFiZWwvdmFsdWUy==",
            "c17",
            "label_name1",
            "label_value1",
            "label_name2",
            "label/value2"),
        // C22: without the UTF-8 flag a U__ name is literal
        ok("/job/c22/U__label_2e_name2/v", "c22", "U__label_2e_name2", "v"),
        // C23: the empty value
        ok("/job/c23/e@base64/=", "c23", "e", ""),
        ok("/job/c23/e@base64/==", "c23", "e", ""),
        // C46: a trailing slash without labels
        ok("/job/c46/", "c46"),
        ok("/job/c46", "c46"),
        // upstream's split of "/x/" is ["x", ""]: an empty plain value
        ok("/job/j/x/", "j", "x", ""),
        // M01: padding and short quanta
        ok("/job@base64/Zm9v", "foo"),
        ok("/job@base64/Zm9v=", "foo"),
        ok("/job@base64/Zm9v==", "foo"),
        ok("/job@base64/Zm9v%3D%3D", "foo"),
        ok("/job@base64/Zm8", "fo"),
        ok("/job@base64/Zm8===", "fo"),
        ok("/job@base64/Zg", "f"),
        ok("/job@base64/Zm9v%0A", "foo"), // Go skips CR and LF
        // M02: the job segment wins over a job label
        ok("/job/a/job/b", "a"),
        ok("/job/a/job/%FF", "a"),
        // M03: later duplicates overwrite
        ok("/job/a2/x/1/x/2", "a2", "x", "2"),
        ok("/job/a2/x/%FF/x/ok", "a2", "x", "ok"),
        // M06: percent-decoding and UTF-8
        ok("/job/a%20b%22c", "a b\"c"),
        ok("/job/j/name/Bj%C3%B6rn", "j", "name", "Björn"),
        ok("/job/j/name@base64/zqDPgc6_zrzOt864zrXPjc-C", "j", "name", "Προμηθεύς"),
        ok("/job/a+b", "a+b"),
        // the router sees the decoded path, so an encoded @ still selects base64
        ok("/job%40base64/Zm9v/x%40base64/YmFy", "foo", "x", "bar"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("accepted")
  void parsesGroupingKey(String path, GroupingKey expected) {
    assertEquals(expected, GroupingKeyPath.parse(path));
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        // M01: Go's error offsets, and the job bytes decoded before the bad quantum
        err("/job@base64/Z", "invalid base64 encoding in job name \"\": " + byteAt(0)),
        err("/job@base64/Zm+v", "invalid base64 encoding in job name \"\": " + byteAt(2)),
        err("/job@base64/=Zm9v", "invalid base64 encoding in job name \"\": " + byteAt(0)),
        err("/job@base64/Zm=9v", "invalid base64 encoding in job name \"\": " + byteAt(2)),
        err("/job@base64/Zm9v=x", "invalid base64 encoding in job name \"foo\": " + byteAt(4)),
        err("/job@base64/a.b", "invalid base64 encoding in job name \"\": " + byteAt(1)),
        err(
            "/job@base64/-_-_-_8.",
            "invalid base64 encoding in job name \"\\xfb\\xff\\xbf\": " + byteAt(7)),
        // C18, C19, M05: label names
        err("/job/c18/label_name1/v/a=b/v2", "improper label name \"a=b\""),
        err("/job/c19/__label/v", "improper label name \"__label\""),
        err("/job/j/__a@base64/dg", "improper label name \"__a\""),
        err("/job/j/@base64/v", "improper label name \"\""),
        err("/job/j/foo@base64@base64/v", "improper label name \"foo@base64\""),
        err("/job/j/1foo/v", "improper label name \"1foo\""),
        err("/job/j/f%C3%B6o/v", "improper label name \"föo\""),
        err("/job/j/foo@BASE64/dg", "improper label name \"foo@BASE64\""),
        // C20, C46, M07: odd components
        err(
            "/job/c20/label_name1/label/value2",
            "odd number of components in label string \"/label_name1/label/value2\""),
        err("/job/c46/a/b/", "odd number of components in label string \"/a/b/\""),
        err("/job/a%2Fb", "odd number of components in label string \"/b\""),
        // C21: base64 label values quote the raw value
        err(
            "/job/c21/label_name1@base64/foo.bar/l2/v2",
            "invalid base64 encoding for label label_name1=\"foo.bar\": " + byteAt(3)),
        err("/job/a/job@base64/Z", "invalid base64 encoding for label job=\"Z\": " + byteAt(0)),
        // C23: an empty job is only reachable through base64
        err("/job@base64/=", "job name is required"),
        err("/job@base64/==", "job name is required"),
        err("/job/", "job name is required"),
        // which error wins: upstream's order, then D2
        err("/job@base64/Z/a-b/v", "invalid base64 encoding in job name \"\": " + byteAt(0)),
        err("/job@base64/=/a/b/c", "odd number of components in label string \"/a/b/c\""),
        err("/job@base64/=/a-b/v", "improper label name \"a-b\""),
        err("/job/%FF/a-b/v", "improper label name \"a-b\""),
        err("/job@base64/=/v/%FF", "job name is required"),
        // D2 (M08, C49): values that are not UTF-8 are rejected here, not stored
        err("/job/j/v/%FF", "invalid UTF-8 in label value for label v: \"\\xff\""),
        err("/job/c49/v@base64/-_8=", "invalid UTF-8 in label value for label v: \"\\xfb\\xff\""),
        err("/job/%C0%AF", "invalid UTF-8 in job name \"\\xc0\\xaf\""),
        err("/job@base64/-_8", "invalid UTF-8 in job name \"\\xfb\\xff\""),
        // Go's %q of names it rejects
        err("/job/j/a%22b/v", "improper label name \"a\\\"b\""),
        err("/job/j/a%0A%01b/v", "improper label name \"a\\n\\x01b\""),
        err("/job/j/a%C2%A0%E2%80%8B/v", "improper label name \"a\\u00a0\\u200b\""),
        err("/job/j/%F0%9F%98%80/v", "improper label name \"\uD83D\uDE00\""),
        // bad percent escapes, as Go's URL parser words them
        err("/job/a%zz/x/y", "invalid URL escape \"%zz\""),
        err("/job/a%4", "invalid URL escape \"%4\""));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("rejected")
  void rejectsWithUpstreamMessage(String path, String message) {
    InvalidGroupingKeyException e =
        assertThrows(InvalidGroupingKeyException.class, () -> GroupingKeyPath.parse(path));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/job/a/x/1/y/2", "/job/a/y/2/x/1", "/job/a/x@base64/MQ/y/2"})
  void labelOrderAndEncodingDoNotChangeTheGroup(String path) {
    // M04, §3.1
    assertEquals(GroupingKey.of("a", "x", "1", "y", "2"), GroupingKeyPath.parse(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/job/a", "/job@base64/YQ", "/job/a/b/c", "/job%40base64/YQ", "/job/%zz"})
  void recognisesPushPaths(String path) {
    assertTrue(GroupingKeyPath.isPushPath(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "/job", "/jobs/a", "/job@base64", "/foo/job/a"})
  void leavesOtherPathsToTheRouter(String path) {
    assertFalse(GroupingKeyPath.isPushPath(path));
    assertThrows(InvalidGroupingKeyException.class, () -> GroupingKeyPath.parse(path));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("formatted")
  void formatsCanonicalPath(GroupingKey key, String path) {
    assertEquals(path, GroupingKeyPath.format(key));
  }

  static Stream<Arguments> formatted() {
    return Stream.of(
        Arguments.of(GroupingKey.of("foo"), "/job@base64/Zm9v"),
        Arguments.of(GroupingKey.of("fo", "e", ""), "/job@base64/Zm8=/e@base64/="),
        Arguments.of(
            GroupingKey.of("test/job", "b", "?", "a", "x"),
            "/job@base64/dGVzdC9qb2I=/a@base64/eA==/b@base64/Pw=="));
  }

  static Stream<GroupingKey> roundTrips() {
    return Stream.of(
        GroupingKey.of("j"),
        GroupingKey.of("test/job", "instance", ""),
        GroupingKey.of(
            "a b\"c%2F", "name", "Προμηθεύς", "U__x", "/", "e", "=", "z", "\n\uD83D\uDE00"),
        GroupingKey.of("job", "_", "-_+/=", "a1", "@base64"));
  }

  @ParameterizedTest
  @MethodSource("roundTrips")
  void formatThenParseGivesTheSameKey(GroupingKey key) {
    assertEquals(key, GroupingKeyPath.parse(GroupingKeyPath.format(key)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a-b", "__x", "1a", "a/b", ""})
  void refusesToFormatNamesThatNoUrlCanCarry(String name) {
    GroupingKey key = GroupingKey.of("j", name, "v");
    assertThrows(IllegalArgumentException.class, () -> GroupingKeyPath.format(key));
  }

  private static Arguments ok(String path, String job, String... namesAndValues) {
    return Arguments.of(path, GroupingKey.of(job, namesAndValues));
  }

  private static Arguments err(String path, String message) {
    return Arguments.of(path, message);
  }

  private static String byteAt(int offset) {
    return "illegal base64 data at input byte " + offset;
  }
}
