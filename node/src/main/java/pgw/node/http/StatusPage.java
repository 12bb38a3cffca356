package pgw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.format.TextWriter;
import pgw.api.gateway.Gateway;
import pgw.api.gateway.ReadConsistency;
import pgw.api.store.Group;
import pgw.api.store.StoredFamily;

/**
 * {@code GET /} and {@code /status}: a plain HTML page listing every group, the time of its last
 * push, whether that push failed, and its metrics in the text format. Upstream's page is richer;
 * its markup is not part of the contract (Pushgateway §1.9), its routes are.
 */
public final class StatusPage {
  private final Gateway gateway;
  private final ReadConsistency consistency;

  public StatusPage(Gateway gateway, ReadConsistency consistency) {
    this.gateway = gateway;
    this.consistency = consistency;
  }

  public void page(ServerRequest req, ServerResponse res) throws IOException {
    var view = gateway.read(consistency);
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    try (OutputStream out = res.outputStream();
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      w.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Pushgateway</title>");
      w.write("</head><body><h1>Pushgateway</h1>\n");
      for (Group g : view.groups()) {
        group(g, w);
      }
      w.write("</body></html>\n");
    }
  }

  private static void group(Group g, Writer w) throws IOException {
    GroupingKey key = g.key();
    StringBuilder title = new StringBuilder("job=\"").append(key.job()).append('"');
    Labels labels = key.labels();
    for (int i = 0; i < labels.size(); i++) {
      if (!labels.name(i).equals(GroupingKey.JOB)) {
        title.append(' ').append(labels.name(i)).append("=\"").append(labels.value(i)).append('"');
      }
    }
    w.write("<section><h2>");
    w.write(html(title.toString()));
    w.write("</h2>\n");
    long last = 0;
    for (StoredFamily f : g.families()) {
      last = Math.max(last, f.pushTimeNanos());
    }
    w.write("<p>last pushed " + MetricsJson.time(last));
    w.write(MetricsJson.lastPushSuccessful(g) ? "" : " <strong>(last push failed)</strong>");
    w.write("</p>\n<pre>");
    var text = new ByteArrayOutputStream();
    TextWriter.write(families(g), text);
    w.write(html(text.toString(StandardCharsets.UTF_8)));
    w.write("</pre></section>\n");
  }

  private static String html(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static Iterable<MetricFamily> families(Group g) {
    return g.families().stream().map(StoredFamily::family).toList();
  }
}
