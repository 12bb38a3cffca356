package pgw.raft.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes varints, fixed-width numbers and length-prefixed UTF-8 strings to a stream. */
public final class WireWriter {
  private final OutputStream out;

  public WireWriter(OutputStream out) {
    this.out = out;
  }

  public void writeByte(int b) throws IOException {
    out.write(b);
  }

  /** Unsigned LEB128: small counts and lengths take one byte. */
  public void writeVarint(long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  public void writeLong(long v) throws IOException {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
  }

  /** The raw IEEE bits, so NaN payloads and negative zero survive a round trip. */
  public void writeDouble(double v) throws IOException {
    writeLong(Double.doubleToRawLongBits(v));
  }

  public void writeString(String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    writeVarint(bytes.length);
    out.write(bytes);
  }

  public void writeBytes(byte[] bytes) throws IOException {
    out.write(bytes);
  }
}
