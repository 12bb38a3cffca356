package pgw.node.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.DirectHandler.TransportRequest;
import io.helidon.http.DirectHandler.TransportResponse;
import io.helidon.http.HeaderNames;
import io.helidon.http.NotFoundException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import java.util.logging.Level;
import java.util.logging.Logger;
import pgw.api.InvalidGroupingKeyException;
import pgw.api.format.ParseException;
import pgw.api.gateway.GatewayException;
import pgw.api.protobuf.ProtobufParseException;

/** Every exception a handler may throw, mapped to a status and a message once. */
public final class ErrorHandlers {
  private static final Logger LOG = Logger.getLogger(ErrorHandlers.class.getName());

  private ErrorHandlers() {}

  public static void register(HttpRouting.Builder routing) {
    routing
        .error(
            NotFoundException.class,
            (req, res, e) -> TextResponses.error(res, Status.NOT_FOUND_404, "404 page not found"))
        .error(
            InvalidGroupingKeyException.class,
            (req, res, e) -> TextResponses.error(res, Status.BAD_REQUEST_400, e.getMessage()))
        .error(
            ParseException.class,
            (req, res, e) -> TextResponses.error(res, Status.BAD_REQUEST_400, e.getMessage()))
        .error(
            ProtobufParseException.class,
            (req, res, e) -> TextResponses.error(res, Status.BAD_REQUEST_400, e.getMessage()))
        .error(
            GatewayException.Unavailable.class,
            (req, res, e) ->
                TextResponses.error(res, Status.SERVICE_UNAVAILABLE_503, e.getMessage()))
        .error(
            GatewayException.CommitUnknown.class,
            (req, res, e) -> TextResponses.error(res, Status.GATEWAY_TIMEOUT_504, e.getMessage()))
        .error(
            RuntimeException.class,
            (req, res, e) -> {
              LOG.log(Level.SEVERE, "unexpected failure serving " + req.prologue(), e);
              TextResponses.error(res, Status.INTERNAL_SERVER_ERROR_500, "internal error: " + e);
            });
  }

  /**
   * Answers to requests Helidon refuses before routing (a malformed request line or header, an
   * unsupported {@code Content-Encoding}, a body too large): the status with a message, in the
   * shape of {@link TextResponses#error}, where Helidon's default would send an empty body.
   */
  public static DirectHandlers direct() {
    DirectHandlers.Builder handlers = DirectHandlers.builder();
    DirectHandler handler = ErrorHandlers::direct;
    for (EventType type : EventType.values()) {
      handlers.addHandler(type, handler);
    }
    return handlers.build();
  }

  private static TransportResponse direct(
      TransportRequest req,
      EventType type,
      Status status,
      ServerResponseHeaders headers,
      String message) {
    String text = message == null || message.isBlank() ? status.reasonPhrase() : message;
    return TransportResponse.builder()
        .status(status)
        .headers(headers)
        .header(HeaderNames.CONTENT_TYPE, TextResponses.TEXT)
        .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
        .keepAlive(type.keepAlive())
        .entity(text + "\n")
        .build();
  }
}
