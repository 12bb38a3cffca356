package pgw.api.protobuf;

/**
 * The legacy name rules that the text format enforces by its syntax; protobuf pushes must meet them
 * too (decision D9), because the text exposition could not carry other names.
 */
final class Names {
  private Names() {}

  /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  static boolean isMetricName(String name) {
    return matches(name, true);
  }

  /** {@code [a-zA-Z_][a-zA-Z0-9_]*}, and not the reserved prefix {@code __}. */
  static boolean isLabelName(String name) {
    return matches(name, false) && !name.startsWith("__");
  }

  private static boolean matches(String name, boolean colon) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || (colon && c == ':')
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
