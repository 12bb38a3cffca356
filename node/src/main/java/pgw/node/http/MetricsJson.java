package pgw.node.http;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Map;
import java.util.TreeMap;
import pgw.api.DataPoint;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;
import pgw.api.format.GoFloat;
import pgw.api.store.Group;
import pgw.api.store.StoredFamily;

/**
 * The {@code data} of {@code GET /api/v1/metrics} in upstream's shape (Pushgateway §1.5): one flat
 * object per group, keys sorted as Go's encoding/json sorts map keys, values as Go prints them.
 * Decision D6: a family named {@code labels} or {@code last_push_successful} never replaces the
 * group's own key; it is left out of the JSON (it is still scraped).
 */
final class MetricsJson {
  private static final String LABELS = "labels";
  private static final String LAST_PUSH_SUCCESSFUL = "last_push_successful";
  private static final String PUSH_TIME = "push_time_seconds";
  private static final String PUSH_FAILURE_TIME = "push_failure_time_seconds";

  /** Go's time.RFC3339Nano: trailing zeros of the fraction dropped, {@code Z} for UTC. */
  static final DateTimeFormatter RFC3339_NANO =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .appendOffset("+HH:MM", "Z")
          .toFormatter();

  private final Writer w;

  private MetricsJson(Writer w) {
    this.w = w;
  }

  static String time(long epochNanos) {
    Instant t = Instant.ofEpochSecond(0, epochNanos);
    return RFC3339_NANO.format(t.atZone(ZoneId.systemDefault()));
  }

  /** Writes the JSON array of {@code groups}, in canonical grouping-key order. */
  static void write(Iterable<Group> groups, Writer w) throws IOException {
    MetricsJson json = new MetricsJson(w);
    w.write('[');
    boolean first = true;
    for (Group g : groups) {
      if (!first) {
        w.write(',');
      }
      first = false;
      json.group(g);
    }
    w.write(']');
  }

  private void group(Group g) throws IOException {
    Map<String, StoredFamily> byKey = new TreeMap<>();
    for (StoredFamily f : g.families()) {
      String name = f.family().name();
      if (!name.equals(LABELS) && !name.equals(LAST_PUSH_SUCCESSFUL)) {
        byKey.put(name, f);
      }
    }
    byKey.put(LABELS, null);
    byKey.put(LAST_PUSH_SUCCESSFUL, null);
    w.write('{');
    boolean first = true;
    for (Map.Entry<String, StoredFamily> e : byKey.entrySet()) {
      if (!first) {
        w.write(',');
      }
      first = false;
      w.write(Json.string(e.getKey()));
      w.write(':');
      switch (e.getKey()) {
        case LABELS -> labels(g.key().labels());
        case LAST_PUSH_SUCCESSFUL -> w.write(Boolean.toString(lastPushSuccessful(g)));
        default -> family(e.getValue());
      }
    }
    w.write('}');
  }

  /** False iff both timestamps exist and the failure is strictly later than the success. */
  static boolean lastPushSuccessful(Group g) {
    Double success = timestamp(g, PUSH_TIME);
    Double failure = timestamp(g, PUSH_FAILURE_TIME);
    return success == null || failure == null || !(failure > success);
  }

  private static Double timestamp(Group g, String name) {
    for (StoredFamily f : g.families()) {
      if (f.family().name().equals(name)
          && !f.family().points().isEmpty()
          && f.family().points().get(0) instanceof DataPoint.Scalar s) {
        return s.value();
      }
    }
    return null;
  }

  private void family(StoredFamily stored) throws IOException {
    MetricFamily f = stored.family();
    w.write("{\"time_stamp\":\"");
    w.write(time(stored.pushTimeNanos()));
    w.write("\",\"type\":\"");
    w.write(f.type().name());
    w.write('"');
    if (!f.help().isEmpty()) {
      w.write(",\"help\":");
      w.write(Json.string(f.help()));
    }
    w.write(",\"metrics\":[");
    boolean first = true;
    for (DataPoint p : f.points()) {
      if (!first) {
        w.write(',');
      }
      first = false;
      if (f.type() == MetricType.GAUGE_HISTOGRAM) {
        // Upstream renders every type but summary and histogram as a plain value.
        w.write("{\"labels\":");
        labels(p.labels());
        w.write(",\"value\":\"0\"}");
      } else {
        point(p);
      }
    }
    w.write("]}");
  }

  private void point(DataPoint p) throws IOException {
    switch (p) {
      case DataPoint.Scalar s -> {
        w.write("{\"labels\":");
        labels(s.labels());
        w.write(",\"value\":");
        w.write(Json.string(GoFloat.formatFloat(s.value())));
      }
      case DataPoint.Summary s -> {
        w.write("{\"count\":");
        w.write(Json.string(Long.toUnsignedString(s.count())));
        w.write(",\"labels\":");
        labels(s.labels());
        Map<String, String> quantiles = new TreeMap<>();
        for (DataPoint.Quantile q : s.quantiles()) {
          quantiles.put(GoFloat.formatFloat(q.quantile()), GoFloat.formatFloat(q.value()));
        }
        w.write(",\"quantiles\":");
        map(quantiles);
        w.write(",\"sum\":");
        w.write(Json.string(GoFloat.formatFloat(s.sum())));
      }
      case DataPoint.Histogram h -> {
        HistogramJson.Rendered rendered = HistogramJson.render(h);
        w.write("{\"buckets\":");
        w.write(rendered.buckets());
        w.write(",\"count\":");
        w.write(Json.string(rendered.count()));
        w.write(",\"labels\":");
        labels(h.labels());
        w.write(",\"sum\":");
        w.write(Json.string(GoFloat.formatFloat(h.sum())));
      }
    }
    w.write('}');
  }

  private void labels(Labels labels) throws IOException {
    map(labels.asMap());
  }

  private void map(Map<String, String> map) throws IOException {
    w.write('{');
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      if (!first) {
        w.write(',');
      }
      first = false;
      w.write(Json.string(e.getKey()));
      w.write(':');
      w.write(Json.string(e.getValue()));
    }
    w.write('}');
  }
}
