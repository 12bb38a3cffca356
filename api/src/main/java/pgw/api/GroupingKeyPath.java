package pgw.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The grouping key named by a push or delete URL, {@code /job[@base64]/<job>{/<name>[@base64]/
 * <value>}} after {@code /metrics} (Pushgateway §1.3), and the canonical URL of a grouping key.
 *
 * <p>The whole raw path is percent-decoded first and split on {@code /} afterwards, as upstream's
 * router does. So {@code %2F} in a plain value is a separator ({@code /job/a%2Fb} is job {@code a}
 * with the odd label string {@code "/b"}, case M07) and {@code %40base64} selects base64. Splitting
 * first would let plain values hold {@code /}, but the same URL would then address another group
 * than on upstream; clients already send such values as {@code @base64}.
 */
public final class GroupingKeyPath {
  private static final String BASE64_SUFFIX = "@base64";
  private static final byte[] JOB_PREFIX = ascii("/job/");
  private static final byte[] JOB_BASE64_PREFIX = ascii("/job@base64/");

  private GroupingKeyPath() {}

  /**
   * Whether the raw path after {@code /metrics} is routed to push/delete at all (otherwise 404). A
   * path with a bad percent escape counts as routed, so that {@link #parse} reports the escape.
   */
  public static boolean isPushPath(String rawPathAfterMetrics) {
    byte[] path;
    try {
      path = percentDecode(rawPathAfterMetrics);
    } catch (InvalidGroupingKeyException e) {
      return true;
    }
    return startsWith(path, JOB_PREFIX) || startsWith(path, JOB_BASE64_PREFIX);
  }

  /**
   * The grouping key of a raw (still percent-encoded) path after {@code /metrics}, such as {@code
   * /job/foo/instance/bar}. Errors are checked in upstream's order, so the same message wins; the
   * UTF-8 check of decision D2 comes last, because upstream accepts those URLs.
   *
   * @throws InvalidGroupingKeyException with the 400 message
   */
  public static GroupingKey parse(String rawPathAfterMetrics) {
    byte[] path = percentDecode(rawPathAfterMetrics);
    boolean jobBase64 = startsWith(path, JOB_BASE64_PREFIX);
    if (!jobBase64 && !startsWith(path, JOB_PREFIX)) {
      throw new InvalidGroupingKeyException(
          "not a push path: " + GoQuote.quote(rawPathAfterMetrics));
    }
    int jobStart = jobBase64 ? JOB_BASE64_PREFIX.length : JOB_PREFIX.length;
    int jobEnd = indexOf(path, '/', jobStart);
    byte[] job = Arrays.copyOfRange(path, jobStart, jobEnd);
    if (jobBase64) {
      PathBase64.Decoded decoded = PathBase64.decode(job);
      if (!decoded.ok()) {
        throw new InvalidGroupingKeyException(
            "invalid base64 encoding in job name "
                + GoQuote.quote(decoded.bytes())
                + ": "
                + decoded.error());
      }
      job = decoded.bytes();
    }
    TreeMap<String, byte[]> labels = splitLabels(Arrays.copyOfRange(path, jobEnd, path.length));
    if (job.length == 0) {
      throw new InvalidGroupingKeyException("job name is required");
    }
    labels.put(GroupingKey.JOB, job);
    if (!Utf8.isValid(job)) {
      throw new InvalidGroupingKeyException("invalid UTF-8 in job name " + GoQuote.quote(job));
    }
    TreeMap<String, String> values = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : labels.entrySet()) {
      if (!Utf8.isValid(e.getValue())) {
        throw new InvalidGroupingKeyException(
            "invalid UTF-8 in label value for label "
                + e.getKey()
                + ": "
                + GoQuote.quote(e.getValue()));
      }
      values.put(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8));
    }
    return new GroupingKey(Labels.of(values));
  }

  /**
   * The canonical URL path (after {@code /metrics}) of a key: every value base64url-encoded, {@code
   * =} for an empty one, labels in name order. {@link #parse} maps it back to an equal key.
   *
   * @throws IllegalArgumentException if a label name cannot appear in a URL path
   */
  public static String format(GroupingKey key) {
    StringBuilder sb = new StringBuilder("/job@base64/").append(encode(key.job()));
    Labels labels = key.labels();
    for (int i = 0; i < labels.size(); i++) {
      String name = labels.name(i);
      if (name.equals(GroupingKey.JOB)) {
        continue;
      }
      byte[] nameBytes = ascii(name);
      if (!isLabelName(nameBytes)) {
        throw new IllegalArgumentException("improper label name " + GoQuote.quote(name));
      }
      sb.append('/').append(name).append(BASE64_SUFFIX).append('/');
      sb.append(encode(labels.value(i)));
    }
    return sb.toString();
  }

  /** Upstream's {@code splitLabels}: the pairs after the job segment, later duplicates winning. */
  private static TreeMap<String, byte[]> splitLabels(byte[] labelPath) {
    TreeMap<String, byte[]> result = new TreeMap<>();
    if (labelPath.length <= 1) {
      return result; // "" or "/": no labels
    }
    List<byte[]> components = new ArrayList<>();
    for (int start = 1; ; ) {
      int end = indexOf(labelPath, '/', start);
      components.add(Arrays.copyOfRange(labelPath, start, end));
      if (end == labelPath.length) {
        break;
      }
      start = end + 1;
    }
    if (components.size() % 2 != 0) {
      throw new InvalidGroupingKeyException(
          "odd number of components in label string " + GoQuote.quote(labelPath));
    }
    for (int i = 0; i < components.size(); i += 2) {
      byte[] name = components.get(i);
      byte[] value = components.get(i + 1);
      boolean base64 = endsWith(name, BASE64_SUFFIX);
      byte[] trimmed = base64 ? Arrays.copyOf(name, name.length - BASE64_SUFFIX.length()) : name;
      if (!isLabelName(trimmed)) {
        throw new InvalidGroupingKeyException("improper label name " + GoQuote.quote(trimmed));
      }
      String labelName = new String(trimmed, StandardCharsets.US_ASCII);
      if (base64) {
        PathBase64.Decoded decoded = PathBase64.decode(value);
        if (!decoded.ok()) {
          throw new InvalidGroupingKeyException(
              "invalid base64 encoding for label "
                  + labelName
                  + "="
                  + GoQuote.quote(value)
                  + ": "
                  + decoded.error());
        }
        value = decoded.bytes();
      }
      result.put(labelName, value);
    }
    return result;
  }

  /** The legacy label name rule {@code [a-zA-Z_][a-zA-Z0-9_]*}, without the reserved {@code __}. */
  private static boolean isLabelName(byte[] name) {
    if (name.length == 0 || (name.length >= 2 && name[0] == '_' && name[1] == '_')) {
      return false;
    }
    for (int i = 0; i < name.length; i++) {
      int c = name[i];
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** Go's path unescaping: {@code %XX} to a byte, {@code +} kept, a bad escape an error. */
  private static byte[] percentDecode(String raw) {
    byte[] in = raw.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] != '%') {
        out.write(in[i]);
        continue;
      }
      int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
      int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
      if (hi < 0 || lo < 0) {
        byte[] bad = Arrays.copyOfRange(in, i, Math.min(i + 3, in.length));
        throw new InvalidGroupingKeyException("invalid URL escape " + GoQuote.quote(bad));
      }
      out.write(hi << 4 | lo);
      i += 2;
    }
    return out.toByteArray();
  }

  private static String encode(String value) {
    return PathBase64.encode(value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] b, char c, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return b.length;
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length
        && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static boolean endsWith(byte[] b, String suffix) {
    byte[] s = ascii(suffix);
    return b.length >= s.length && Arrays.equals(b, b.length - s.length, b.length, s, 0, s.length);
  }
}
