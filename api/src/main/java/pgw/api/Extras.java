package pgw.api;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a protobuf push carried beyond the model's values, kept as an opaque byte string: exemplars,
 * created timestamps, native histogram fields and float counts (Pushgateway §2.4, §2.7).
 *
 * <p>The store never looks inside; the protobuf writer puts it back, the text writer and the JSON
 * API read the few fields they show. The bytes are a canonical {@code io.prometheus.client.Metric}
 * message (see {@code pgw.api.protobuf.PointExtras}), so equal extras are equal bytes, which keeps
 * replicas and their snapshots byte-identical.
 */
public final class Extras {
  public static final Extras NONE = new Extras(new byte[0]);

  private final byte[] bytes;

  private Extras(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}; callers outside the protobuf package should validate first. */
  public static Extras ofBytes(byte[] bytes) {
    return bytes.length == 0 ? NONE : new Extras(bytes.clone());
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  public int size() {
    return bytes.length;
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Extras other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return isEmpty() ? "Extras[]" : "Extras[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
