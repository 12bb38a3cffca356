package pgw.api.store;

import java.util.List;
import pgw.api.Labels;

/**
 * The wording of the consistency check's errors: client_golang's messages (Pushgateway §4.2) with a
 * deterministic rendering of the series, so that the same state and the same push always give the
 * same text (decision D8).
 */
final class CheckErrors {
  /** A rejected push lists at most this many errors; the count in the header stays exact. */
  static final int MAX_LISTED = 100;

  private CheckErrors() {}

  /**
   * One error bare, several as client_golang's {@code MultiError} prints them, in the order the
   * check found them.
   */
  static String format(List<String> errors) {
    if (errors.size() == 1) {
      return errors.get(0);
    }
    StringBuilder sb = new StringBuilder().append(errors.size()).append(" error(s) occurred:");
    int listed = Math.min(errors.size(), MAX_LISTED);
    for (int i = 0; i < listed; i++) {
      sb.append("\n* ").append(errors.get(i));
    }
    if (listed < errors.size()) {
      sb.append("\n* (").append(errors.size() - listed).append(" more not shown)");
    }
    return sb.toString();
  }

  /**
   * {@code collected metric "<name>" { <labels> }}, the labels in the style of the protobuf text
   * format 1.5.1 prints, without the value, which tells nothing about the conflict.
   */
  static String metric(String name, Labels labels) {
    StringBuilder sb = new StringBuilder("collected metric ").append(quote(name)).append(" { ");
    for (int i = 0; i < labels.size(); i++) {
      sb.append("label:<name:")
          .append(quote(labels.name(i)))
          .append(" value:")
          .append(quote(labels.value(i)))
          .append(" > ");
    }
    return sb.append('}').toString();
  }

  /**
   * Go's {@code %q}, closely enough: unpaired surrogates appear as the bytes a lenient UTF-8
   * encoder would write for them ({@code \xed\xa0\x80}), as Go shows invalid UTF-8.
   */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pairedHigh =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (pairedHigh) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append(hex(0xE0 | (c >> 12)))
            .append(hex(0x80 | ((c >> 6) & 0x3F)))
            .append(hex(0x80 | (c & 0x3F)));
      } else {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> {
            if (c < 0x20 || c == 0x7F) {
              sb.append(hex(c));
            } else {
              sb.append(c);
            }
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String hex(int b) {
    String digits = "0123456789abcdef";
    return "\\x" + digits.charAt((b >> 4) & 0xF) + digits.charAt(b & 0xF);
  }
}
