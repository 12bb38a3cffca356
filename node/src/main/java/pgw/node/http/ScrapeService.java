package pgw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import pgw.api.format.TextWriter;
import pgw.api.gateway.Gateway;
import pgw.api.gateway.ReadConsistency;
import pgw.api.protobuf.ProtobufWriter;
import pgw.api.store.StoreView;

/**
 * {@code GET /metrics}: every pushed group, merged and streamed family by family: text 0.0.4 by
 * default, delimited protobuf when asked for, gzip-compressed when accepted (decision D14).
 */
public final class ScrapeService {
  private final Gateway gateway;
  private final ReadConsistency consistency;

  public ScrapeService(Gateway gateway, ReadConsistency consistency) {
    this.gateway = gateway;
    this.consistency = consistency;
  }

  public void scrape(ServerRequest req, ServerResponse res) throws IOException {
    // Confirm freshness before the first byte, so that a failure can still be a clean 503.
    StoreView view = gateway.read(consistency);
    Negotiation.Format format =
        Negotiation.format(req.headers().first(HeaderNames.ACCEPT).orElse(""));
    res.header(
        HeaderNames.CONTENT_TYPE,
        format == Negotiation.Format.PROTOBUF
            ? ProtobufWriter.CONTENT_TYPE
            : TextWriter.CONTENT_TYPE);
    try (OutputStream out = compressed(req, res)) {
      if (format == Negotiation.Format.PROTOBUF) {
        ProtobufWriter.write(view.families(), out);
      } else {
        TextWriter.write(view.families(), out);
      }
    }
  }

  /** The response stream, gzip-compressed if the client accepts it; closing it ends the body. */
  static OutputStream compressed(ServerRequest req, ServerResponse res) throws IOException {
    res.header(HeaderNames.VARY, "Accept-Encoding");
    if (Negotiation.gzipAccepted(req.headers().first(HeaderNames.ACCEPT_ENCODING).orElse(""))) {
      res.header(HeaderNames.CONTENT_ENCODING, "gzip");
      return new GZIPOutputStream(res.outputStream(), 8192);
    }
    return res.outputStream();
  }
}
