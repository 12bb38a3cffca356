package pgw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import pgw.api.format.TextWriter;
import pgw.api.gateway.Gateway;
import pgw.api.gateway.ReadConsistency;
import pgw.api.store.StoreView;

/** {@code GET /metrics}: every pushed group, merged and streamed in the text format. */
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
    res.header(HeaderNames.CONTENT_TYPE, TextWriter.CONTENT_TYPE);
    try (OutputStream out = res.outputStream()) {
      TextWriter.write(view.families(), out);
    }
  }
}
