package pgw.api.store;

/**
 * The name and label rules the store enforces on every series it keeps: legacy Prometheus metric
 * and label names (decision D9) and label values that are valid Unicode.
 */
final class NameRules {
  private NameRules() {}

  /** {@code ^[a-zA-Z_:][a-zA-Z0-9_:]*$}. */
  static boolean isValidMetricName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = isLetter(c) || c == '_' || c == ':' || (i > 0 && isDigit(c));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code ^[a-zA-Z_][a-zA-Z0-9_]*$}, and no reserved {@code __} prefix. */
  static boolean isValidLabelName(String name) {
    if (name.isEmpty() || name.startsWith("__")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = isLetter(c) || c == '_' || (i > 0 && isDigit(c));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A Java string is valid UTF-8 once encoded unless it holds an unpaired surrogate, which encoders
   * replace silently; upstream would reject the corresponding bytes.
   */
  static boolean isValidUnicode(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
