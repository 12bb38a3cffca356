package pgw.node.compat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raw HTTP/1.1 against one gateway: upstream's single port, or the nodes of a cluster taken in
 * turn, so that consecutive requests reach different nodes. Redirects are not followed.
 */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  record Request(String method, String path, List<Map.Entry<String, String>> headers, byte[] body) {
    static Request get(String path) {
      return new Request("GET", path, List.of(), null);
    }

    @Override
    public String toString() {
      return method + " " + path + (headers.isEmpty() ? "" : " " + headers);
    }
  }

  record Answer(int status, Map<String, List<String>> headers, byte[] bytes) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(", ", e.getValue()))
          .findFirst()
          .orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + GoQuoted.of(body());
    }
  }

  private final String name;
  private final List<Integer> ports;
  private final AtomicInteger next = new AtomicInteger();

  Http(String name, List<Integer> ports) {
    this.name = name;
    this.ports = List.copyOf(ports);
  }

  String name() {
    return name;
  }

  int nextPort() {
    return ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
  }

  Answer send(Request r) {
    return send(nextPort(), r, Duration.ofSeconds(30));
  }

  static Answer send(int port, Request r, Duration timeout) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + r.path()))
            .timeout(timeout)
            .method(
                r.method(),
                r.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(r.body()));
    r.headers().forEach(h -> b.header(h.getKey(), h.getValue()));
    try {
      HttpResponse<byte[]> res = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(res.statusCode(), res.headers().map(), res.body());
    } catch (IOException e) {
      throw new AssertionError(r + " on port " + port + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Scrapes {@code /metrics} (no compression asked), any node. */
  Answer scrape() {
    return send(Request.get("/metrics"));
  }

  /** Quotes strings for messages so that newlines and control characters stay visible. */
  static final class GoQuoted {
    private GoQuoted() {}

    static String of(String s) {
      StringBuilder sb = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        switch (c) {
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          default -> {
            if (c < 0x20) {
              sb.append(String.format("\\x%02x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      return sb.append('"').toString();
    }
  }
}
