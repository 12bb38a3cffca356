package pgw.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Go's UTF-8 validity and {@code %q} quoting, as they appear in parse error messages. */
class GoTextTest {

  private static String quote(byte... b) {
    return GoText.quote(b, 0, b.length);
  }

  private static boolean valid(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return GoText.isValidUtf8(b, 0, b.length);
  }

  @Test
  void quotesPrintableTextAsIs() {
    assertEquals("\"Björn Προμηθεύς €\"", GoText.quote("Björn Προμηθεύς €"));
  }

  @Test
  void quotesEscapesLikeGo() {
    assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\"", GoText.quote("a\"b\\c\nd\re\tf"));
    assertEquals("\"\\x00\\x1f\\x7f\\a\\b\\f\\v\"", GoText.quote("\0\u001f\u007f\u0007\b\f\u000b"));
    assertEquals("\"\\u00ad\\u200b\\U000e0001\"", GoText.quote("\u00ad\u200b\udb40\udc01"));
  }

  @Test
  void quotesInvalidBytesAsHex() {
    assertEquals("\"\\xff\"", quote((byte) 0xff));
    assertEquals("\"a\\xc3\"", quote((byte) 'a', (byte) 0xc3));
    assertEquals("\"\\xed\\xa0\\x80\"", quote((byte) 0xed, (byte) 0xa0, (byte) 0x80));
    assertEquals("\"é\"", quote("é".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void quotesBytesAsRunes() {
    assertEquals("'b'", GoText.quoteByte('b'));
    assertEquals("'\"'", GoText.quoteByte('"'));
    assertEquals("'\\''", GoText.quoteByte('\''));
    assertEquals("'\\n'", GoText.quoteByte('\n'));
    assertEquals("'ÿ'", GoText.quoteByte(0xff));
    assertEquals("'\\u0080'", GoText.quoteByte(0x80));
  }

  @Test
  void validatesUtf8LikeGo() {
    assertTrue(valid('a', 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80));
    assertFalse(valid(0xc0, 0x80)); // overlong
    assertFalse(valid(0xe0, 0x80, 0x80)); // overlong
    assertFalse(valid(0xed, 0xa0, 0x80)); // surrogate
    assertFalse(valid(0xf4, 0x90, 0x80, 0x80)); // past U+10FFFF
    assertFalse(valid(0xe2, 0x82)); // truncated
    assertFalse(valid(0x80));
  }
}
