package pgw.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathBase64Test {

  static Stream<Arguments> decodes() {
    return Stream.of(
        Arguments.of("", ""),
        Arguments.of("=", ""),
        Arguments.of("Zg", "66"),
        Arguments.of("Zh", "66"), // non-zero trailing bits are tolerated, as in Go
        Arguments.of("Zm9", "666f"),
        Arguments.of("Zm9v", "666f6f"),
        Arguments.of("-_8=", "fbff"),
        Arguments.of("Zm\r\n9v\n", "666f6f"),
        Arguments.of("Zm9vYmFy", "666f6f626172"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("decodes")
  void decodesLikeGoRawUrlEncoding(String encoded, String hex) {
    PathBase64.Decoded d = PathBase64.decode(encoded.getBytes(StandardCharsets.US_ASCII));
    assertTrue(d.ok(), () -> d.error());
    assertEquals(hex, HexFormat.of().formatHex(d.bytes()));
  }

  static Stream<Arguments> fails() {
    return Stream.of(
        Arguments.of("Z", 0, ""),
        Arguments.of("Zm9vY", 4, "666f6f"),
        Arguments.of("Zm9vYmF/", 7, "666f6f"),
        Arguments.of("Z\n", 1, ""),
        Arguments.of("Zm9v\nY", 5, "666f6f"),
        Arguments.of("Zm9v=x", 4, "666f6f"),
        Arguments.of("Zm9v Zm9v", 4, "666f6f"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("fails")
  void reportsGoOffsetAndPartialOutput(String encoded, int offset, String partialHex) {
    PathBase64.Decoded d = PathBase64.decode(encoded.getBytes(StandardCharsets.US_ASCII));
    assertEquals(offset, d.errorOffset());
    assertEquals(partialHex, HexFormat.of().formatHex(d.bytes()));
  }

  @Test
  void encodesWithPaddingAndTheEmptyValueAsEquals() {
    assertEquals("=", PathBase64.encode(new byte[0]));
    assertEquals("-_8=", PathBase64.encode(new byte[] {(byte) 0xfb, (byte) 0xff}));
  }

  @Test
  void decodesWhatItEncodes() {
    for (int n = 0; n < 64; n++) {
      byte[] value = new byte[n];
      for (int i = 0; i < n; i++) {
        value[i] = (byte) (i * 37 + n);
      }
      assertArrayEquals(
          value,
          PathBase64.decode(PathBase64.encode(value).getBytes(StandardCharsets.US_ASCII)).bytes());
    }
  }
}
