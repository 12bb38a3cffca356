package pgw.node.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.NotFoundException;
import io.helidon.http.RequestException;
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
    routing.error(
        Exception.class,
        (req, res, e) -> {
          Status status = statusOf(e);
          if (status.code() >= 500 && !(e instanceof GatewayException)) {
            LOG.log(Level.SEVERE, "unexpected failure serving " + req.prologue(), e);
          }
          TextResponses.error(res, status, message(e, status));
        });
  }

  /**
   * Answers for what Helidon rejects before routing: a body larger than the limit (by its
   * Content-Length or on the wire) is 413, a request line past the limit 414 (decision D19), and
   * anything else it refuses (a malformed request line or header) keeps its status; all with a
   * message in the Pushgateway's style instead of an empty body.
   */
  public static DirectHandlers direct(long maxBodyBytes, int maxRequestLine) {
    DirectHandler handler =
        (request, type, status, headers, message) -> {
          String text =
              switch (status.code()) {
                case 413 ->
                    "request body larger than "
                        + maxBodyBytes
                        + " bytes (after decompression); see --web.max-body-size";
                case 414 -> "request URI longer than " + maxRequestLine + " bytes";
                default -> message == null || message.isBlank() ? status.reasonPhrase() : message;
              };
          return DirectHandler.TransportResponse.builder()
              .status(status)
              .headers(headers)
              .header(HeaderNames.CONTENT_TYPE, TextResponses.TEXT)
              .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
              .entity(text + "\n")
              .build();
        };
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
      builder.addHandler(type, handler);
    }
    return builder.build();
  }

  /** The status a failure is answered with; the request metrics count it under this code too. */
  static Status statusOf(Throwable e) {
    return switch (e) {
      case NotFoundException n -> Status.NOT_FOUND_404;
      case InvalidGroupingKeyException i -> Status.BAD_REQUEST_400;
      case ParseException p -> Status.BAD_REQUEST_400;
      case ProtobufParseException p -> Status.BAD_REQUEST_400;
      case RequestBodies.BodyDecodingException b -> Status.BAD_REQUEST_400;
      case RequestBodies.BodyTooLargeException b -> Status.REQUEST_ENTITY_TOO_LARGE_413;
      case RequestException r -> r.status();
      case GatewayException.TooLarge t -> Status.REQUEST_ENTITY_TOO_LARGE_413;
      case GatewayException.Unavailable u -> Status.SERVICE_UNAVAILABLE_503;
      case GatewayException.CommitUnknown c -> Status.GATEWAY_TIMEOUT_504;
      default -> Status.INTERNAL_SERVER_ERROR_500;
    };
  }

  private static String message(Throwable e, Status status) {
    if (e instanceof NotFoundException) {
      return "404 page not found";
    }
    if (status == Status.INTERNAL_SERVER_ERROR_500) {
      return "internal error: " + e;
    }
    return String.valueOf(e.getMessage());
  }
}
