package pgw.api;

import java.util.Arrays;
import java.util.Base64;

/**
 * The base64 of grouping-key URLs: Go's {@code base64.RawURLEncoding} after stripping trailing
 * {@code =}, with Go's error offsets and partial output (Pushgateway §1.3).
 *
 * <p>{@link java.util.Base64} cannot stand in for the decoder: it rejects non-zero trailing bits,
 * which Go accepts, and its errors name no byte offset, which the Pushgateway's 400 messages do.
 */
final class PathBase64 {
  private static final byte[] DECODE = new byte[256];

  static {
    Arrays.fill(DECODE, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      DECODE[alphabet.charAt(i)] = (byte) i;
    }
  }

  private PathBase64() {}

  /**
   * What decoding produced: all bytes on success; on failure the bytes of the quanta decoded before
   * the bad one (Go returns those too, and the job-name message quotes them) and the offset.
   */
  record Decoded(byte[] bytes, int errorOffset) {
    boolean ok() {
      return errorOffset < 0;
    }

    String error() {
      return "illegal base64 data at input byte " + errorOffset;
    }
  }

  /** Decodes a path value: trailing {@code =} are padding (or the empty value {@code =}). */
  static Decoded decode(byte[] value) {
    int len = value.length;
    while (len > 0 && value[len - 1] == '=') {
      len--;
    }
    byte[] out = new byte[len * 6 / 8];
    int n = 0;
    int si = 0;
    // Mirrors Go's decodeQuantum: four symbols at a time, CR and LF skipped anywhere, a lone
    // trailing symbol is an error at its own offset, and leftover bits of a short quantum ignored.
    while (si < len) {
      int[] sym = new int[4];
      int j = 0;
      for (; j < 4; j++) {
        if (si == len) {
          if (j == 1) {
            return new Decoded(Arrays.copyOf(out, n), si - j);
          }
          break;
        }
        int in = value[si++] & 0xff;
        int d = DECODE[in];
        if (d >= 0) {
          sym[j] = d;
        } else if (in == '\n' || in == '\r') {
          j--;
        } else {
          return new Decoded(Arrays.copyOf(out, n), si - 1);
        }
      }
      if (j == 0) {
        break; // only CR/LF were left
      }
      int bits = sym[0] << 18 | sym[1] << 12 | sym[2] << 6 | sym[3];
      for (int k = 0; k < j - 1; k++) {
        out[n++] = (byte) (bits >>> (16 - 8 * k));
      }
    }
    return new Decoded(Arrays.copyOf(out, n), -1);
  }

  /** The padded URL-safe encoding; {@code =} for the empty value, which has no other spelling. */
  static String encode(byte[] value) {
    return value.length == 0 ? "=" : Base64.getUrlEncoder().encodeToString(value);
  }
}
