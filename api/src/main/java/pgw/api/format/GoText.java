package pgw.api.format;

/**
 * Go's view of byte strings, needed to word parse errors exactly like prometheus/common: UTF-8
 * validity as {@code unicode/utf8} defines it, and {@code %q} quoting as {@code strconv} does it.
 */
final class GoText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoText() {}

  /** Length of the valid UTF-8 sequence at {@code i}, or 0 if Go would decode a RuneError there. */
  static int sequenceLength(byte[] b, int i, int end) {
    int b0 = b[i] & 0xff;
    if (b0 < 0x80) {
      return 1;
    }
    int n;
    int lo = 0x80;
    int hi = 0xbf;
    if (b0 < 0xc2) {
      return 0;
    } else if (b0 < 0xe0) {
      n = 2;
    } else if (b0 < 0xf0) {
      n = 3;
      lo = b0 == 0xe0 ? 0xa0 : 0x80;
      hi = b0 == 0xed ? 0x9f : 0xbf;
    } else if (b0 < 0xf5) {
      n = 4;
      lo = b0 == 0xf0 ? 0x90 : 0x80;
      hi = b0 == 0xf4 ? 0x8f : 0xbf;
    } else {
      return 0;
    }
    if (i + n > end) {
      return 0;
    }
    int b1 = b[i + 1] & 0xff;
    if (b1 < lo || b1 > hi) {
      return 0;
    }
    for (int k = 2; k < n; k++) {
      int c = b[i + k] & 0xff;
      if (c < 0x80 || c > 0xbf) {
        return 0;
      }
    }
    return n;
  }

  static boolean isValidUtf8(byte[] b, int from, int to) {
    for (int i = from; i < to; ) {
      if (b[i] >= 0) {
        i++;
        continue;
      }
      int n = sequenceLength(b, i, to);
      if (n == 0) {
        return false;
      }
      i += n;
    }
    return true;
  }

  /** The code point of the valid sequence of length {@code n} at {@code i}. */
  private static int codePoint(byte[] b, int i, int n) {
    int cp = n == 1 ? b[i] : b[i] & (0xff >> (n + 1));
    for (int k = 1; k < n; k++) {
      cp = (cp << 6) | (b[i + k] & 0x3f);
    }
    return cp;
  }

  /** Go's {@code strconv.Quote} of the bytes: invalid UTF-8 shows as {@code \xNN}. */
  static String quote(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from + 2).append('"');
    for (int i = from; i < to; ) {
      int n = sequenceLength(b, i, to);
      if (n == 0) {
        sb.append("\\x").append(HEX[(b[i] >> 4) & 0xf]).append(HEX[b[i] & 0xf]);
        i++;
        continue;
      }
      appendEscaped(sb, codePoint(b, i, n), '"');
      i += n;
    }
    return sb.append('"').toString();
  }

  /** Go's {@code strconv.Quote} of a (valid) string. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> appendEscaped(sb, cp, '"'));
    return sb.append('"').toString();
  }

  /** Go's {@code %q} of a byte, which fmt treats as the rune of that value. */
  static String quoteByte(int b) {
    StringBuilder sb = new StringBuilder(8).append('\'');
    appendEscaped(sb, b & 0xff, '\'');
    return sb.append('\'').toString();
  }

  private static void appendEscaped(StringBuilder sb, int cp, char quote) {
    if (cp == quote || cp == '\\') {
      sb.append('\\').appendCodePoint(cp);
    } else if (isPrint(cp)) {
      sb.appendCodePoint(cp);
    } else {
      switch (cp) {
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (cp < ' ' || cp == 0x7f) {
            sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
          } else if (cp < 0x10000) {
            appendHex(sb.append("\\u"), cp, 4);
          } else {
            appendHex(sb.append("\\U"), cp, 8);
          }
        }
      }
    }
  }

  private static void appendHex(StringBuilder sb, int v, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(HEX[(v >> shift) & 0xf]);
    }
  }

  /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and ' '. */
  static boolean isPrint(int cp) {
    if (cp < 0x80) {
      return cp >= 0x20 && cp < 0x7f;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
