package pgw.api.format;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import pgw.api.DataPoint;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;
import pgw.api.format.FamilyAssembler.Family;
import pgw.api.format.FamilyAssembler.Role;

/**
 * Parses a pushed body in text format 0.0.4 into metric families, accepting and rejecting exactly
 * what prometheus/common's {@code TextParser} does with legacy names (spec §2.2), with the same
 * error messages.
 *
 * <p>It validates syntax only: timestamps, duplicate series, reserved label prefixes and the like
 * parse fine and are left to the store's consistency check, as upstream.
 */
public final class TextParser {
  private static final Charset UTF8 = StandardCharsets.UTF_8;

  private final TextLexer lx;
  private final FamilyAssembler families = new FamilyAssembler();
  private final List<String> pairs = new ArrayList<>(); // name, value, … of the current line

  /** The current line's quantile (summary) or upper bound (histogram); NaN when it has none. */
  private double special;

  private TextParser(byte[] body) {
    this.lx = new TextLexer(body);
  }

  /** The families of {@code body} in the order their names first appear; empty ones dropped. */
  public static List<MetricFamily> parse(byte[] body) throws ParseException {
    return new TextParser(body).parseAll();
  }

  private List<MetricFamily> parseAll() throws ParseException {
    while (lx.startLine()) {
      switch (lx.cur) {
        case '#' -> comment();
        case '\n' -> {}
        default -> sample();
      }
    }
    return families.families();
  }

  private void comment() throws ParseException {
    lx.skipBlankTab();
    if (lx.cur == '\n') {
      return;
    }
    lx.readWord();
    if (lx.cur == '\n') {
      return;
    }
    boolean help = lx.tokenIs("HELP");
    if (!help && !lx.tokenIs("TYPE")) {
      lx.skipToNewline();
      return;
    }
    lx.skipBlankTab();
    String name = lx.readMetricName();
    if (lx.cur == '\n') {
      return;
    }
    if (!TextLexer.isBlank(lx.cur)) {
      throw lx.error("invalid metric name in comment");
    }
    Family f = families.select(name);
    lx.skipBlankTab();
    if (lx.cur == '\n') {
      return;
    }
    if (help) {
      if (f.help != null) {
        throw lx.error("second HELP line for metric name " + GoText.quote(f.name));
      }
      lx.readHelpText();
      f.help = new String(lx.buf, 0, lx.bufLen, UTF8);
    } else {
      if (f.type != null) {
        throw lx.error(
            "second TYPE line for metric name "
                + GoText.quote(f.name)
                + ", or TYPE reported after samples");
      }
      lx.readRestOfLine();
      f.type = metricType();
    }
  }

  /** The type named by the current token; case-insensitive rune by rune, as Go's ToUpper. */
  private MetricType metricType() throws ParseException {
    String raw = new String(lx.input(), lx.tokenStart, lx.tokenEnd - lx.tokenStart, UTF8);
    StringBuilder upper = new StringBuilder(raw.length());
    raw.codePoints().forEach(cp -> upper.appendCodePoint(Character.toUpperCase(cp)));
    return switch (upper.toString()) {
      case "COUNTER" -> MetricType.COUNTER;
      case "GAUGE" -> MetricType.GAUGE;
      case "SUMMARY" -> MetricType.SUMMARY;
      case "UNTYPED" -> MetricType.UNTYPED;
      case "HISTOGRAM" -> MetricType.HISTOGRAM;
      case "GAUGE_HISTOGRAM", "GAUGEHISTOGRAM" -> MetricType.GAUGE_HISTOGRAM;
      default -> throw lx.error("unknown metric type " + lx.quotedToken());
    };
  }

  private void sample() throws ParseException {
    String name = lx.readMetricName();
    if (name.isEmpty()) {
      throw lx.error("invalid metric name");
    }
    Family f = families.select(name);
    Role role = families.role();
    if (f.type == null) {
      f.type = MetricType.UNTYPED;
    }
    lx.skipBlankTabIfCurrent();
    pairs.clear();
    special = Double.NaN;
    if (lx.cur == '{') {
      labels(f);
    }
    lx.readWord();
    double v;
    try {
      v = TextNumbers.parseFloat(lx.input(), lx.tokenStart, lx.tokenEnd);
    } catch (NumberFormatException e) {
      throw lx.error("expected float as value, got " + lx.quotedToken());
    }
    if (f.isHistogram() && v < 0) {
      if (role == Role.COUNT) {
        throw lx.error("negative count for histogram " + GoText.quote(f.name));
      }
      if (role == Role.VALUE && !Double.isNaN(special)) {
        throw lx.error("negative bucket population for histogram " + GoText.quote(f.name));
      }
    }
    long timestampMs = lx.cur == '\n' ? DataPoint.NO_TIMESTAMP : timestamp();
    families.add(f, role, Labels.of(pairs.toArray(String[]::new)), special, v, timestampMs);
  }

  /** The label set from its opening brace; leaves the first byte of the value current. */
  private void labels(Family f) throws ParseException {
    while (true) {
      lx.skipBlankTab();
      if (lx.cur == '}') {
        lx.skipBlankTab();
        return;
      }
      String label = lx.readLabelName();
      if (label.isEmpty()) {
        throw lx.error("invalid label name for metric " + GoText.quote(f.name));
      }
      lx.skipBlankTabIfCurrent();
      if (lx.cur != '=') {
        throw lx.error("expected '=' after label name, found " + GoText.quoteByte(lx.cur));
      }
      if (label.equals("__name__")) {
        throw lx.error("label name \"__name__\" is reserved");
      }
      boolean isQuantile = f.isSummary() && label.equals("quantile");
      boolean isBound = f.isHistogram() && label.equals("le");
      if (!isQuantile && !isBound && hasLabel(label)) {
        throw lx.error("duplicate label names for metric " + GoText.quote(f.name));
      }
      lx.skipBlankTab();
      if (lx.cur != '"') {
        throw lx.error("expected '\"' at start of label value, found " + GoText.quoteByte(lx.cur));
      }
      lx.readLabelValue();
      if (!GoText.isValidUtf8(lx.buf, 0, lx.bufLen)) {
        throw lx.error("invalid label value " + GoText.quote(lx.buf, 0, lx.bufLen));
      }
      String value = new String(lx.buf, 0, lx.bufLen, UTF8);
      if (isQuantile || isBound) {
        special = specialValue(value, isQuantile ? "quantile" : "le");
      } else {
        pairs.add(label);
        pairs.add(value);
      }
      lx.skipBlankTab();
      if (lx.cur == '}') {
        lx.skipBlankTab();
        return;
      }
      if (lx.cur != ',') {
        throw lx.error("unexpected end of label value " + GoText.quote(value));
      }
    }
  }

  private boolean hasLabel(String label) {
    for (int i = 0; i < pairs.size(); i += 2) {
      if (pairs.get(i).equals(label)) {
        return true;
      }
    }
    return false;
  }

  private double specialValue(String value, String label) throws ParseException {
    try {
      return TextNumbers.parseFloat(lx.buf, 0, lx.bufLen);
    } catch (NumberFormatException e) {
      throw lx.error(
          "expected float as value for '" + label + "' label, got " + GoText.quote(value));
    }
  }

  /** The timestamp after the value's blank; then only the newline may follow. */
  private long timestamp() throws ParseException {
    lx.skipBlankTab();
    lx.readWord();
    long ts;
    try {
      ts = TextNumbers.parseInt64(lx.input(), lx.tokenStart, lx.tokenEnd);
    } catch (NumberFormatException e) {
      throw lx.error("expected integer as timestamp, got " + lx.quotedToken());
    }
    lx.readRestOfLine();
    if (!lx.tokenIsEmpty()) {
      throw lx.error("spurious string after timestamp: " + lx.quotedToken());
    }
    return ts;
  }
}
