package pgw.raft.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads what {@link WireWriter} wrote; truncation and absurd lengths become a CodecException. */
public final class WireReader {
  private final InputStream in;
  private final String what;

  /** {@code what} names the format in error messages, e.g. "command" or "snapshot". */
  public WireReader(InputStream in, String what) {
    this.in = in;
    this.what = what;
  }

  public int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw truncated();
    }
    return b;
  }

  public long readVarint() throws IOException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw corrupt("varint longer than 10 bytes");
  }

  /** A varint that counts elements or bytes: at most {@code max}. */
  public int readCount(int max) throws IOException {
    long n = readVarint();
    if (n < 0 || n > max) {
      throw corrupt("count " + n + " out of range");
    }
    return (int) n;
  }

  public long readLong() throws IOException {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | readByte();
    }
    return v;
  }

  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  public String readString() throws IOException {
    int n = readCount(Integer.MAX_VALUE - 8);
    byte[] bytes = readBytes(n);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Exactly {@code n} bytes; reads in chunks, so a corrupt length cannot force a huge buffer. */
  public byte[] readBytes(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length != n) {
      throw truncated();
    }
    return bytes;
  }

  public CodecException corrupt(String detail) {
    return new CodecException("corrupt " + what + ": " + detail);
  }

  public CodecException truncated() {
    return new CodecException("truncated " + what + ": input ended early");
  }
}
