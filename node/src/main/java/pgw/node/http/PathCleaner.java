package pgw.node.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * URL paths as Go's {@code net/http} sees them: percent-decoded, cleaned like {@code ServeMux}
 * cleans them before routing (Pushgateway §1.1), and escaped again for a {@code Location}.
 */
final class PathCleaner {
  private PathCleaner() {}

  /** Percent-decodes a raw path; an invalid escape is kept as it is, for the handler to report. */
  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
      int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
      if (bytes[i] == '%' && hi >= 0 && lo >= 0) {
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Go's {@code cleanPath}: {@code path.Clean} (no {@code //}, {@code /./} or {@code /../}), but a
   * trailing slash is kept.
   */
  static String clean(String path) {
    if (path.isEmpty()) {
      return "/";
    }
    String p = path.charAt(0) == '/' ? path : "/" + path;
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    String cleaned = "/" + String.join("/", segments);
    if (p.endsWith("/") && !cleaned.equals("/")) {
      cleaned += "/";
    }
    return cleaned;
  }

  /** Go's {@code url.PathEscape} for a whole path: {@code /} and the safe characters stay. */
  static String escape(String path) {
    StringBuilder sb = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean keep =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-_.~$&+,/:;=@".indexOf(c) >= 0;
      if (keep) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
