package pgw.node.http;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import pgw.api.MetricFamily;
import pgw.api.format.ParseException;
import pgw.api.format.TextParser;
import pgw.api.protobuf.ProtobufParser;

/**
 * Picks the parser for a push body the way upstream does (Pushgateway §2.1): delimited protobuf
 * only for the full protobuf content type, text format 0.0.4 for anything else.
 */
final class PushBodies {
  private static final String PROTOBUF = "application/vnd.google.protobuf";

  private PushBodies() {}

  static List<MetricFamily> parse(Optional<String> contentType, byte[] body) throws ParseException {
    if (contentType.map(PushBodies::isDelimitedProtobuf).orElse(false)) {
      return ProtobufParser.parse(body);
    }
    return TextParser.parse(body);
  }

  static boolean isDelimitedProtobuf(String contentType) {
    String[] parts = contentType.split(";");
    if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(PROTOBUF)) {
      return false;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        String value = parts[i].substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        params.put(parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
      }
    }
    return "delimited".equals(params.get("encoding"))
        && "io.prometheus.client.MetricFamily".equals(params.get("proto"));
  }
}
