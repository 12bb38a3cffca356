package pgw.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code FormatFloat(v, 'g', -1, 64)} and the text format's special cases (spec §9.4). */
class GoFloatTest {

  @ParameterizedTest
  @CsvSource({
    "1e6, 1e+06",
    "1234567, 1.234567e+06",
    "1e-5, 1e-05",
    "2.5e-7, 2.5e-07",
    "0.0001, 0.0001",
    "100000, 100000",
    "123456, 123456",
    "1e3, 1000",
    "3.14, 3.14",
    "42, 42",
    "-42.5, -42.5",
    "0.1, 0.1",
    "1795426858.2404377, 1.7954268582404377e+09",
    "2, 2",
    "20, 20",
    "200000, 200000",
    "2000000, 2e+06",
    "1234567.8, 1.2345678e+06",
    "123456700, 1.234567e+08",
    "1e23, 1e+23",
    "99999999999999974834176, 9.999999999999997e+22",
    "100000000000000008388608, 1.0000000000000001e+23",
    "383260575764816448, 3.8326057576481645e+17",
    "-5.8339553793802237e+23, -5.8339553793802237e+23",
    "2.2250738585072012e-308, 2.2250738585072014e-308",
    "2.2250738585072011e-308, 2.225073858507201e-308",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "4.9e-324, 5e-324",
    "-4.9e-324, -5e-324",
    "1e-323, 1e-323",
    "1e100, 1e+100",
    "0.3, 0.3",
    "1.5, 1.5",
    "0.00001234, 1.234e-05",
    "0.000123, 0.000123",
    "999999, 999999",
    "9999999, 9.999999e+06",
    "1e21, 1e+21"
  })
  void formatsLikeGo(double v, String expected) {
    assertEquals(expected, GoFloat.format(v));
    assertEquals(expected, GoFloat.formatFloat(v));
  }

  @Test
  void formatsSpecialValues() {
    assertEquals("NaN", GoFloat.format(Double.NaN));
    assertEquals("+Inf", GoFloat.format(Double.POSITIVE_INFINITY));
    assertEquals("-Inf", GoFloat.format(Double.NEGATIVE_INFINITY));
    assertEquals("5e-324", GoFloat.format(Double.MIN_VALUE));
    assertEquals("1.7976931348623157e+308", GoFloat.format(Double.MAX_VALUE));
    assertEquals("-1.7976931348623157e+308", GoFloat.format(-Double.MAX_VALUE));
    assertEquals("2.2250738585072014e-308", GoFloat.format(Double.MIN_NORMAL));
  }

  @Test
  void textFormatPrintsZeroOneAndMinusOneDirectly() {
    assertEquals("0", GoFloat.format(0.0));
    assertEquals("0", GoFloat.format(-0.0));
    assertEquals("1", GoFloat.format(1.0));
    assertEquals("-1", GoFloat.format(-1.0));
  }

  @Test
  void formatFloatKeepsNegativeZeroLikeGo() {
    assertEquals("-0", GoFloat.formatFloat(-0.0));
    assertEquals("0", GoFloat.formatFloat(0.0));
  }

  /**
   * Against an independent oracle (exact decimal rounding with BigDecimal, shortest length that
   * reads back, nearest at that length) on seeded random bit patterns, subnormals included.
   */
  @Test
  void matchesShortestRoundTripOracle() {
    Random random = new Random(20240611);
    for (int i = 0; i < 3000; i++) {
      long bits = i % 2 == 0 ? random.nextLong() : random.nextLong() & 0x800fffffffffffffL;
      double v = Double.longBitsToDouble(bits);
      if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
        continue;
      }
      assertEquals(oracle(v), GoFloat.formatFloat(v), () -> "bits " + Long.toHexString(bits));
    }
    for (long k = 1; k <= 300; k++) {
      double v = Double.longBitsToDouble(k); // the tiniest subnormals: one or two digits
      assertEquals(oracle(v), GoFloat.formatFloat(v), () -> "subnormal " + v);
    }
  }

  private static String oracle(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int p = 1; p <= 17; p++) {
      BigDecimal best = null;
      BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      BigDecimal ulp = rounded.ulp();
      for (BigDecimal c : new BigDecimal[] {rounded, rounded.add(ulp), rounded.subtract(ulp)}) {
        if (c.signum() != 0 && Double.parseDouble(c.toString()) == v) {
          if (best == null || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
            best = c;
          }
        }
      }
      if (best != null) {
        return layout(best.stripTrailingZeros());
      }
    }
    throw new AssertionError("no shortest form for " + v);
  }

  /** Go's %e / %f choice written out independently of the production code. */
  private static String layout(BigDecimal d) {
    String sign = d.signum() < 0 ? "-" : "";
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - d.scale() - 1;
    if (exp < -4 || exp >= 6) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + String.format("e%s%02d", exp < 0 ? "-" : "+", Math.abs(exp));
    }
    return sign + d.abs().toPlainString();
  }
}
