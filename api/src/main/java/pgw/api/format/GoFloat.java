package pgw.api.format;

import java.math.BigDecimal;

/**
 * Numbers as Go prints them: {@code strconv.FormatFloat(v, 'g', -1, 64)}, the shortest decimal that
 * reads back as the same double, laid out as {@code 1e+06}, {@code 3.14}, {@code 0.0001} (spec
 * §9.4). The text format special-cases 0, 1 and -1, so negative zero prints {@code 0} there.
 */
public final class GoFloat {
  private GoFloat() {}

  /** A sample value or {@code le}/{@code quantile} label value as the text format writes it. */
  public static String format(double v) {
    if (v == 0) {
      return "0";
    }
    if (v == 1) {
      return "1";
    }
    if (v == -1) {
      return "-1";
    }
    return formatFloat(v);
  }

  /** Exactly Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}; negative zero is {@code -0}. */
  public static String formatFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean negative = Double.doubleToRawLongBits(v) < 0;
    double abs = Math.abs(v);
    if (abs == 0) {
      return negative ? "-0" : "0";
    }
    if (abs < 1e6 && abs == Math.rint(abs)) {
      return Long.toString((long) v); // the common case: integers print plainly below 1e6
    }
    Digits d = shortestDigits(abs);
    StringBuilder sb = new StringBuilder(24);
    if (negative) {
      sb.append('-');
    }
    int exp = d.pointPos - 1;
    if (exp < -4 || exp >= 6) {
      layoutExponent(sb, d.digits, exp);
    } else {
      layoutPlain(sb, d.digits, d.pointPos);
    }
    return sb.toString();
  }

  /** Significant digits without leading or trailing zeros; value = 0.digits × 10^pointPos. */
  private record Digits(String digits, int pointPos) {}

  private static Digits shortestDigits(double abs) {
    Digits d = parseJavaDigits(Double.toString(abs));
    if (d.digits.length() == 2) {
      // Java picks the closest decimal of length 1 or 2 when one digit would do; Go picks the
      // closest one-digit decimal then (4.9E-324 in Java is 5e-324 in Go).
      Digits one = closestOneDigit(abs, d);
      if (one != null) {
        return one;
      }
    }
    return d;
  }

  /** Java's {@code Double.toString} form ("123.45", "1.0E-5", "9.9E-324") as digits and point. */
  private static Digits parseJavaDigits(String s) {
    int e = s.indexOf('E');
    String mantissa = e < 0 ? s : s.substring(0, e);
    int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int pointPos = dot + exp10;
    int start = 0;
    while (start < all.length() - 1 && all.charAt(start) == '0') {
      start++;
      pointPos--;
    }
    int end = all.length();
    while (end > start + 1 && all.charAt(end - 1) == '0') {
      end--;
    }
    return new Digits(all.substring(start, end), pointPos);
  }

  /** The one-digit decimal closest to {@code abs} among those that read back as it, or null. */
  private static Digits closestOneDigit(double abs, Digits two) {
    int first = two.digits.charAt(0) - '0';
    Digits down = new Digits(String.valueOf(first), two.pointPos);
    Digits up =
        first == 9 ? new Digits("1", two.pointPos + 1) : new Digits("" + (first + 1), two.pointPos);
    boolean downOk = readsBack(down, abs);
    boolean upOk = readsBack(up, abs);
    if (downOk && upOk) {
      BigDecimal exact = new BigDecimal(abs);
      int c = exact.subtract(value(down)).compareTo(value(up).subtract(exact));
      return c < 0 || (c == 0 && first % 2 == 0) ? down : up;
    }
    return downOk ? down : upOk ? up : null;
  }

  private static BigDecimal value(Digits d) {
    return new BigDecimal(d.digits).scaleByPowerOfTen(d.pointPos - d.digits.length());
  }

  private static boolean readsBack(Digits d, double abs) {
    return Double.parseDouble(d.digits + "E" + (d.pointPos - d.digits.length())) == abs;
  }

  /** Go's %e with all digits: d[.ddd]e±dd, at least two exponent digits. */
  private static void layoutExponent(StringBuilder sb, String digits, int exp) {
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      sb.append('0');
    }
    sb.append(a);
  }

  /** Go's %f with exactly the significant digits: no exponent, no trailing zeros. */
  private static void layoutPlain(StringBuilder sb, String digits, int pointPos) {
    if (pointPos <= 0) {
      sb.append("0.");
      sb.repeat('0', -pointPos);
      sb.append(digits);
      return;
    }
    if (digits.length() <= pointPos) {
      sb.append(digits);
      sb.repeat('0', pointPos - digits.length());
      return;
    }
    sb.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
  }
}
