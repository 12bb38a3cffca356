package pgw.api.format;

/**
 * A pushed text body that is not valid text format 0.0.4, reported like prometheus/common's {@code
 * ParseError}: {@code text format parsing error in line <n>: <detail>}.
 */
public final class ParseException extends Exception {
  private final int line;
  private final String detail;

  public ParseException(int line, String detail) {
    super("text format parsing error in line " + line + ": " + detail, null, false, false);
    this.line = line;
    this.detail = detail;
  }

  /** The 1-based line the parser was reading when it gave up. */
  public int line() {
    return line;
  }

  /** The message without the line prefix. */
  public String detail() {
    return detail;
  }
}
