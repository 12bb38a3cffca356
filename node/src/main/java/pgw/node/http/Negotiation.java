package pgw.node.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Content negotiation of a scrape as upstream's {@code expfmt.Negotiate} and promhttp do it
 * (Pushgateway §9.3, decision D14): the Accept entries by falling quality, the first that names
 * delimited protobuf or text 0.0.4 wins; text 0.0.4 otherwise (OpenMetrics is never chosen). Gzip
 * when {@code Accept-Encoding} lists it.
 */
final class Negotiation {
  private static final String PROTOBUF = "application/vnd.google.protobuf";
  private static final String PROTO = "io.prometheus.client.MetricFamily";

  enum Format {
    TEXT,
    PROTOBUF
  }

  private record Accepted(String type, Map<String, String> params, double q, int order) {}

  private Negotiation() {}

  static Format format(String accept) {
    for (Accepted a : parse(accept)) {
      if (a.type.equals(PROTOBUF) && PROTO.equals(a.params.get("proto"))) {
        if ("delimited".equals(a.params.get("encoding"))) {
          return Format.PROTOBUF;
        }
        // encoding=text and compact-text (protobuf's debug text) are not offered: fall through.
      }
      String version = a.params.getOrDefault("version", "");
      if (a.type.equals("text/plain") && (version.equals("0.0.4") || version.isEmpty())) {
        return Format.TEXT;
      }
    }
    return Format.TEXT;
  }

  /** promhttp: some comma-separated part is {@code gzip} or starts with {@code gzip;}. */
  static boolean gzipAccepted(String acceptEncoding) {
    for (String part : acceptEncoding.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.equals("gzip") || p.startsWith("gzip;")) {
        return !p.replace(" ", "").matches("gzip;q=0(\\.0*)?");
      }
    }
    return false;
  }

  /** goautoneg: entries sorted by quality, then specificity; ties keep the client's order. */
  private static List<Accepted> parse(String accept) {
    List<Accepted> list = new ArrayList<>();
    String[] entries = accept.split(",");
    for (int i = 0; i < entries.length; i++) {
      String[] parts = entries[i].split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      if (type.isEmpty()) {
        continue;
      }
      Map<String, String> params = new HashMap<>();
      double q = 1;
      for (int j = 1; j < parts.length; j++) {
        int eq = parts[j].indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String name = parts[j].substring(0, eq).trim();
        String value = parts[j].substring(eq + 1).trim();
        if (name.equals("q")) {
          try {
            q = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            q = 0;
          }
        } else {
          params.put(name, value);
        }
      }
      list.add(new Accepted(type, params, q, i));
    }
    list.sort(
        Comparator.comparingDouble((Accepted a) -> -a.q)
            .thenComparingInt(a -> a.type.contains("*") ? 1 : 0)
            .thenComparingInt(a -> a.order));
    return list;
  }
}
