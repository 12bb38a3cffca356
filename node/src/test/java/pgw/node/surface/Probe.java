package pgw.node.surface;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Raw HTTP requests to one node: any method, raw paths, headers and bytes; no redirects. */
record Probe(int port) {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  record Answer(int status, HttpResponse<byte[]> response) {
    String body() {
      return new String(response.body(), StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      return response.body();
    }

    Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }

    @Override
    public String toString() {
      return status + " " + response.headers().map() + " " + body();
    }
  }

  Answer send(String method, String path, byte[] body, String... headers) {
    var builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<byte[]> r =
          CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), r);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " on port " + port + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Answer send(String method, String path, String body, String... headers) {
    return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
  }

  Answer get(String path, String... headers) {
    return send("GET", path, (byte[]) null, headers);
  }

  Answer put(String path, String body, String... headers) {
    return send("PUT", path, body, headers);
  }

  /** The text exposition, asserting the scrape succeeded. */
  String metrics() {
    Answer a = get("/metrics");
    if (a.status() != 200) {
      throw new AssertionError("scrape answered " + a);
    }
    return a.body();
  }
}
