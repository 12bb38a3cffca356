package pgw.node.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import pgw.node.metrics.NodeMetrics;

/**
 * Wraps a handler so that its answers count in {@code pushgateway_http_requests_total} under
 * upstream's handler name (Pushgateway §6); pushes also feed the duration and size summaries.
 */
public final class Instrumented {
  private Instrumented() {}

  public static Handler counted(NodeMetrics metrics, String name, Handler handler) {
    return (req, res) -> {
      long start = System.nanoTime();
      int code = 200;
      try {
        handler.handle(req, res);
        code = res.status().code();
      } catch (Exception | Error e) {
        code = ErrorHandlers.statusOf(e).code();
        throw e;
      } finally {
        String method = req.prologue().method().text();
        metrics.request(name, method, code);
        if (name.equals("push")) {
          metrics.push(method, (System.nanoTime() - start) / 1e9, approximateSize(req));
        }
      }
    };
  }

  /**
   * client_golang's approximate request size: URL, method, protocol, every header name and value,
   * the host, and the declared body length; not the body itself.
   */
  static long approximateSize(ServerRequest req) {
    String query = req.query().rawValue();
    long size = req.path().rawPath().length() + (query.isEmpty() ? 0 : query.length() + 1);
    Method method = req.prologue().method();
    size += method.text().length();
    size += req.prologue().protocol().length() + 1 + req.prologue().protocolVersion().length();
    for (var header : req.headers()) {
      if (header.name().equalsIgnoreCase("host")) {
        continue; // Go keeps the host apart from the headers; it is added once below
      }
      size += header.name().length();
      for (String value : header.allValues()) {
        size += value.length();
      }
    }
    size += req.authority().length();
    long length = req.headers().contentLength().orElse(-1);
    return length > 0 ? size + length : size;
  }
}
