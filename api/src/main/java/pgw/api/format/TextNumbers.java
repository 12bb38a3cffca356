package pgw.api.format;

import java.nio.charset.StandardCharsets;

/**
 * Number syntax of the text format as Go reads it: {@code strconv.ParseFloat} (minus the hex, 'p'
 * and '_' forms prometheus/common refuses), {@code strconv.ParseInt} for timestamps, and Go's
 * float-to-uint64 conversion for counts.
 */
final class TextNumbers {
  private static final double TWO_63 = 0x1p63;

  private TextNumbers() {}

  /**
   * The value of {@code b[from, to)}, or throws {@link NumberFormatException}. Accepts an optional
   * sign, decimal digits with an optional point and exponent, {@code inf}/{@code infinity} with
   * optional sign and {@code nan} without, in any case. Finite input that overflows is an error, as
   * Go reports ErrRange.
   */
  static double parseFloat(byte[] b, int from, int to) {
    int i = from;
    boolean signed = i < to && (b[i] == '+' || b[i] == '-');
    if (signed) {
      i++;
    }
    if (equalsIgnoreCase(b, i, to, "inf") || equalsIgnoreCase(b, i, to, "infinity")) {
      return b[from] == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!signed && equalsIgnoreCase(b, i, to, "nan")) {
      return Double.NaN;
    }
    int digits = 0;
    while (i < to && isDigit(b[i])) {
      i++;
      digits++;
    }
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && isDigit(b[i])) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      throw new NumberFormatException();
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < to && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < to && isDigit(b[i])) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        throw new NumberFormatException();
      }
    }
    if (i != to) {
      throw new NumberFormatException();
    }
    // The syntax checked above is a subset of Java's, and both round correctly.
    double v = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    if (Double.isInfinite(v)) {
      throw new NumberFormatException();
    }
    return v;
  }

  /** Go's {@code strconv.ParseInt(s, 10, 64)}, or throws {@link NumberFormatException}. */
  static long parseInt64(byte[] b, int from, int to) {
    int i = from < to && (b[from] == '+' || b[from] == '-') ? from + 1 : from;
    if (i == to) {
      throw new NumberFormatException();
    }
    for (int k = i; k < to; k++) {
      if (!isDigit(b[k])) {
        throw new NumberFormatException();
      }
    }
    // ASCII digits only, so Java's parser (which also knows other scripts' digits) agrees.
    return Long.parseLong(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
  }

  /**
   * Go's {@code uint64(v)} on amd64, as the bits of a long: truncation toward zero, wrapping for
   * negative values, 2^63 for NaN, infinities and values past the range.
   */
  static long goUint64(double v) {
    if (v < TWO_63) {
      return (long) v; // -Inf and values below -2^63 saturate to 2^63's bits, as on amd64
    }
    double rest = v - TWO_63;
    long low = rest < TWO_63 ? (long) rest : Long.MIN_VALUE;
    return low | Long.MIN_VALUE;
  }

  /** A count held as uint64 bits, converted to double the way Go's {@code float64(u)} rounds. */
  static double unsignedToDouble(long u) {
    if (u >= 0) {
      return u;
    }
    // Halve (keeping the lowest bit sticky so the rounding stays exact), convert, double.
    return ((double) ((u >>> 1) | (u & 1))) * 2.0;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean equalsIgnoreCase(byte[] b, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      int c = b[from + k] | 0x20; // ASCII lower case; non-letters never match the letters asked
      if (c != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
