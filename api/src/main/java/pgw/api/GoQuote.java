package pgw.api;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code %q} ({@code strconv.Quote}) for the Pushgateway's error messages, which quote URL
 * parts that may hold any bytes, including ones that are not UTF-8.
 */
final class GoQuote {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoQuote() {}

  static String quote(String s) {
    return quote(s.getBytes(StandardCharsets.UTF_8));
  }

  static String quote(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length + 2).append('"');
    int i = 0;
    while (i < b.length) {
      int len = Utf8.sequenceLength(b, i);
      if (len < 0) {
        hexByte(sb, b[i] & 0xff);
        i++;
        continue;
      }
      int cp = Utf8.codePoint(b, i, len);
      i += len;
      switch (cp) {
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 11 -> sb.append("\\v");
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        default -> {
          if (isPrint(cp)) {
            sb.appendCodePoint(cp);
          } else if (cp < 0x80) {
            hexByte(sb, cp);
          } else if (cp < 0x10000) {
            sb.append("\\u").append(hex(cp, 4));
          } else {
            sb.append("\\U").append(hex(cp, 8));
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /**
   * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space.
   */
  private static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  private static void hexByte(StringBuilder sb, int v) {
    sb.append("\\x").append(HEX[v >> 4]).append(HEX[v & 0xf]);
  }

  private static String hex(int v, int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      sb.append(HEX[(v >> shift) & 0xf]);
    }
    return sb.toString();
  }
}
