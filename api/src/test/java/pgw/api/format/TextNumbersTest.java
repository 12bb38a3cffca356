package pgw.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's number parsing and conversions as the text format uses them. */
class TextNumbersTest {

  private static double parseFloat(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return TextNumbers.parseFloat(b, 0, b.length);
  }

  private static long parseInt(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return TextNumbers.parseInt64(b, 0, b.length);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "+",
        "-",
        ".",
        "e5",
        "1e",
        "1e+",
        "1.2.3",
        "0x10",
        "0x1p3",
        "1_000",
        "1p3",
        "+nan",
        "-NaN",
        "infin",
        "infinityy",
        "1d",
        "1f",
        " 1",
        "1 ",
        "Infinity1",
        "1e400",
        "-1e400",
        "١"
      })
  void rejectsWhatGoRejects(String s) {
    assertThrows(NumberFormatException.class, () -> parseFloat(s));
  }

  @Test
  void acceptsWhatGoAccepts() {
    assertEquals(1000, parseFloat("1e3"));
    assertEquals(0.5, parseFloat("+.5"));
    assertEquals(-1, parseFloat("-1."));
    assertEquals(Double.POSITIVE_INFINITY, parseFloat("INFINITY"));
    assertEquals(Double.NEGATIVE_INFINITY, parseFloat("-iNf"));
    assertEquals(Double.NaN, parseFloat("nAn"));
    assertEquals(Double.MAX_VALUE, parseFloat("1.7976931348623157e308"));
    assertEquals(0, parseFloat("1e-99999999999"));
  }

  @Test
  void parsesTimestampsLikeParseInt() {
    assertEquals(Long.MAX_VALUE, parseInt("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, parseInt("-9223372036854775808"));
    assertEquals(7, parseInt("+7"));
    assertThrows(NumberFormatException.class, () -> parseInt("9223372036854775808"));
    assertThrows(NumberFormatException.class, () -> parseInt("1_0"));
    assertThrows(NumberFormatException.class, () -> parseInt("١"));
    assertThrows(NumberFormatException.class, () -> parseInt("+"));
  }

  @Test
  void convertsCountsLikeGoUint64() {
    assertEquals(2, TextNumbers.goUint64(2.9));
    assertEquals(-1L, TextNumbers.goUint64(-1)); // 2^64-1 as unsigned bits
    assertEquals(0xfffffffffffff800L, TextNumbers.goUint64(0x1.fffffffffffffp63));
    assertEquals(Long.MIN_VALUE, TextNumbers.goUint64(Double.NaN));
    assertEquals(Long.MIN_VALUE, TextNumbers.goUint64(1e30));
  }

  @Test
  void convertsUnsignedCountsToDoubleWithGoRounding() {
    assertEquals(0x1p64, TextNumbers.unsignedToDouble(-1L));
    assertEquals(0x1p63, TextNumbers.unsignedToDouble(Long.MIN_VALUE));
    assertEquals(42.0, TextNumbers.unsignedToDouble(42));
  }
}
