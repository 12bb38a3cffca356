package pgw.api.protobuf;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pgw.api.MetricFamily;

/**
 * Parses a push body of varint-length-delimited {@code io.prometheus.client.MetricFamily} messages
 * (Pushgateway §2.4) into the families it pushes.
 *
 * <p>The framing is read here rather than with {@code parseDelimitedFrom} so that errors carry
 * upstream's texts ({@code unexpected EOF}, {@code invalid varint32 encountered}) and the 5-byte
 * length limit of Go's {@code pbutil.ReadDelimited}. Two departures, both stricter: a body that
 * ends inside a length prefix, or right after a non-zero length, is {@code unexpected EOF}, where
 * upstream silently treats it as the end of the body.
 */
public final class ProtobufParser {
  static final String UNEXPECTED_EOF = "unexpected EOF";
  static final String INVALID_VARINT = "invalid varint32 encountered";
  static final String INVALID_WIRE_FORMAT = "proto: cannot parse invalid wire-format data";
  private static final int MAX_VARINT32_BYTES = 5;

  private ProtobufParser() {}

  /**
   * The families of a whole body, in the order their names first appear. A later family with the
   * same name replaces an earlier one entirely (C13), which is then neither validated nor kept.
   *
   * @throws ProtobufParseException for broken framing, undecodable messages, or names that the text
   *     format could not carry (decision D9)
   */
  public static List<MetricFamily> parse(byte[] body) {
    Map<String, Metrics.MetricFamily> byName = new LinkedHashMap<>();
    int pos = 0;
    while (pos < body.length) {
      long length = 0;
      int shift = 0;
      int b;
      do {
        if (shift == 7 * MAX_VARINT32_BYTES) {
          throw new ProtobufParseException(INVALID_VARINT);
        }
        if (pos == body.length) {
          throw new ProtobufParseException(UNEXPECTED_EOF);
        }
        b = body[pos++] & 0xff;
        length |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      if (length > body.length - pos) {
        throw new ProtobufParseException(UNEXPECTED_EOF);
      }
      byte[] message = Arrays.copyOfRange(body, pos, pos + (int) length);
      pos += (int) length;
      Metrics.MetricFamily family;
      try {
        family = Metrics.MetricFamily.parseFrom(message);
      } catch (IOException e) {
        // Java's wording differs from Go's; keep upstream's so replies do not depend on the stack.
        throw new ProtobufParseException(INVALID_WIRE_FORMAT);
      }
      byName.put(family.getName(), family);
    }
    List<MetricFamily> families = new ArrayList<>(byName.size());
    for (Metrics.MetricFamily family : byName.values()) {
      families.add(ProtobufFamilies.toMetricFamily(family));
    }
    return families;
  }

  /**
   * Reads the stream to its end, then parses it. A failing read is reported like a broken body,
   * with the read error's text, as upstream answers it.
   */
  public static List<MetricFamily> parse(InputStream body) {
    byte[] bytes;
    try {
      bytes = body.readAllBytes();
    } catch (IOException e) {
      throw new ProtobufParseException(String.valueOf(e.getMessage()));
    }
    return parse(bytes);
  }
}
