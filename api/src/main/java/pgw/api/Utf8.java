package pgw.api;

/**
 * Strict UTF-8 (as Go's {@code utf8.Valid}: no overlong forms, no surrogates, nothing past
 * U+10FFFF) over the raw bytes that percent- and base64-decoding of a URL produce.
 */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(byte[] b) {
    for (int i = 0; i < b.length; ) {
      int len = sequenceLength(b, i);
      if (len < 0) {
        return false;
      }
      i += len;
    }
    return true;
  }

  /** The length of the well-formed sequence starting at {@code i}, or -1. */
  static int sequenceLength(byte[] b, int i) {
    int b0 = b[i] & 0xff;
    if (b0 < 0x80) {
      return 1;
    }
    int len;
    int lo = 0x80;
    int hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      len = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      len = 3;
      if (b0 == 0xe0) {
        lo = 0xa0; // overlong
      } else if (b0 == 0xed) {
        hi = 0x9f; // surrogates
      }
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      len = 4;
      if (b0 == 0xf0) {
        lo = 0x90; // overlong
      } else if (b0 == 0xf4) {
        hi = 0x8f; // past U+10FFFF
      }
    } else {
      return -1;
    }
    if (i + len > b.length) {
      return -1;
    }
    int b1 = b[i + 1] & 0xff;
    if (b1 < lo || b1 > hi) {
      return -1;
    }
    for (int k = 2; k < len; k++) {
      int bk = b[i + k] & 0xff;
      if (bk < 0x80 || bk > 0xbf) {
        return -1;
      }
    }
    return len;
  }

  /** The code point of a sequence that {@link #sequenceLength} accepted. */
  static int codePoint(byte[] b, int i, int len) {
    int b0 = b[i] & 0xff;
    if (len == 1) {
      return b0;
    }
    int cp = b0 & (0xff >> (len + 1));
    for (int k = 1; k < len; k++) {
      cp = cp << 6 | (b[i + k] & 0x3f);
    }
    return cp;
  }
}
