package pgw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Plain-text answers shaped like Go's {@code http.Error}, as Pushgateway clients see them. */
final class TextResponses {
  static final String TEXT = "text/plain; charset=utf-8";

  private TextResponses() {}

  /** An error: the message plus a newline, with Go's headers. */
  static void error(ServerResponse res, Status status, String message) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, TEXT);
    res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
    res.send(message + "\n");
  }

  /** A short text body exactly as given (no newline), e.g. {@code OK}. */
  static void text(ServerResponse res, Status status, String body) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, TEXT);
    res.send(body);
  }
}
