package pgw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;
import pgw.node.metrics.NodeMetrics;

/**
 * {@code GET /-/metrics}: this node's own metrics (decision D4), written by client_java's writers,
 * negotiated like the telemetry path: text 0.0.4 unless delimited protobuf is asked for, gzip when
 * accepted.
 */
public final class OwnMetricsService {
  private final NodeMetrics metrics;
  private final ExpositionFormats formats = ExpositionFormats.init();

  public OwnMetricsService(NodeMetrics metrics) {
    this.metrics = metrics;
  }

  public void scrape(ServerRequest req, ServerResponse res) throws IOException {
    ExpositionFormatWriter writer =
        Negotiation.format(req.headers().first(HeaderNames.ACCEPT).orElse(""))
                == Negotiation.Format.PROTOBUF
            ? formats.getPrometheusProtobufWriter()
            : formats.getPrometheusTextFormatWriter();
    var snapshots = metrics.registry().scrape();
    res.header(HeaderNames.CONTENT_TYPE, writer.getContentType());
    try (OutputStream out = ScrapeService.compressed(req, res)) {
      writer.write(out, snapshots);
    }
  }
}
