package pgw.api.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte cursor of the text parser: the current byte, the line count, and the tokens of the
 * format (names, whitespace-delimited words, rest of line, quoted label values).
 *
 * <p>Reading past the end of the body fails at once with {@code unexpected end of input stream}: in
 * prometheus/common every read that meets the end stops the parse with that message, except at the
 * start of a line, which {@link #startLine()} handles.
 */
final class TextLexer {
  private final byte[] in;
  private final int end;
  private int pos;

  /** The most recently read byte, 0–255. */
  int cur;

  /** The line being read, counted from 1 as each line starts. */
  int line;

  /**
   * The last raw token ({@link #readWord()}, {@link #readRestOfLine()}): {@code in[start, end)}.
   */
  int tokenStart;

  int tokenEnd;

  /** The last unescaped token ({@link #readHelpText()}, {@link #readLabelValue()}). */
  byte[] buf = new byte[64];

  int bufLen;

  TextLexer(byte[] in) {
    this.in = in;
    this.end = in.length;
  }

  byte[] input() {
    return in;
  }

  ParseException error(String detail) {
    return new ParseException(line, detail);
  }

  private void next() throws ParseException {
    if (pos >= end) {
      throw error("unexpected end of input stream");
    }
    cur = in[pos++] & 0xff;
  }

  static boolean isBlank(int c) {
    return c == ' ' || c == '\t';
  }

  /** Counts a new line and skips its leading blanks; false when the body ends there. */
  boolean startLine() {
    line++;
    do {
      if (pos >= end) {
        return false;
      }
      cur = in[pos++] & 0xff;
    } while (isBlank(cur));
    return true;
  }

  /** Reads at least one byte, then on until one that is not a blank or tab. */
  void skipBlankTab() throws ParseException {
    do {
      next();
    } while (isBlank(cur));
  }

  void skipBlankTabIfCurrent() throws ParseException {
    if (isBlank(cur)) {
      skipBlankTab();
    }
  }

  void skipToNewline() throws ParseException {
    while (cur != '\n') {
      next();
    }
  }

  /** From the current byte up to a blank, tab or newline, which is left current. */
  void readWord() throws ParseException {
    tokenStart = pos - 1;
    while (!isBlank(cur) && cur != '\n') {
      next();
    }
    tokenEnd = pos - 1;
  }

  /** From the current byte up to the newline, which is left current. */
  void readRestOfLine() throws ParseException {
    tokenStart = pos - 1;
    skipToNewline();
    tokenEnd = pos - 1;
  }

  boolean tokenIs(String ascii) {
    int n = tokenEnd - tokenStart;
    if (n != ascii.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (in[tokenStart + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  boolean tokenIsEmpty() {
    return tokenEnd == tokenStart;
  }

  String quotedToken() {
    return GoText.quote(in, tokenStart, tokenEnd);
  }

  /** A metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) from the current byte; "" if none starts. */
  String readMetricName() throws ParseException {
    return readName(true);
  }

  /** A label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}) from the current byte; "" if none starts. */
  String readLabelName() throws ParseException {
    return readName(false);
  }

  private String readName(boolean colons) throws ParseException {
    if (!isNameByte(cur, colons) || (cur >= '0' && cur <= '9')) {
      return "";
    }
    int start = pos - 1;
    do {
      next();
    } while (isNameByte(cur, colons));
    return new String(in, start, pos - 1 - start, StandardCharsets.ISO_8859_1);
  }

  private static boolean isNameByte(int c, boolean colons) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || (colons && c == ':');
  }

  /** HELP text from the current byte to the newline, unescaping {@code \\ \n \"}. */
  void readHelpText() throws ParseException {
    bufLen = 0;
    while (cur != '\n') {
      if (cur == '\\') {
        next();
        int c = unescape(cur);
        if (c < 0) {
          throw invalidEscape();
        }
        append(c);
      } else {
        append(cur);
      }
      next();
    }
  }

  /** A label value after its opening quote, up to and including the closing quote. */
  void readLabelValue() throws ParseException {
    bufLen = 0;
    while (true) {
      next();
      if (cur == '"') {
        return;
      }
      if (cur == '\n') {
        throw error("label value " + GoText.quote(buf, 0, bufLen) + " contains unescaped new-line");
      }
      if (cur == '\\') {
        next();
        int c = unescape(cur);
        if (c < 0) {
          throw invalidEscape();
        }
        append(c);
      } else {
        append(cur);
      }
    }
  }

  private static int unescape(int c) {
    return switch (c) {
      case '\\', '"' -> c;
      case 'n' -> '\n';
      default -> -1;
    };
  }

  private ParseException invalidEscape() {
    // Go formats the byte with %c, that is as the character of that code point.
    return error("invalid escape sequence '\\" + (char) cur + "'");
  }

  private void append(int c) {
    if (bufLen == buf.length) {
      buf = Arrays.copyOf(buf, bufLen * 2);
    }
    buf[bufLen++] = (byte) c;
  }
}
