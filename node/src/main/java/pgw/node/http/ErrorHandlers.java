package pgw.node.http;

import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
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
}
