package pgw.chaos;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client can do to a node over HTTP, each answer classified the way a client must treat it:
 * a refused connection or a 503 means nothing was written; a 504, a timeout or a connection lost
 * after the request may have left means the outcome is unknown. Tests also use it for the other
 * HTTP servers they start (haproxy, Prometheus, a node from the image).
 */
public final class NodeHttp {
  private static final Pattern FIELD =
      Pattern.compile(
          "\"(role|leaderId|term|commitIndex|appliedIndex|snapshotIndex|logStartIndex|ready)\":\"?([^\",}]*)");

  private final HttpClient client;
  private final Duration timeout;

  public NodeHttp(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  /** How a request ended. */
  public enum Outcome {
    /** 2xx. */
    OK,
    /** 4xx: the node refused the request; nothing was written. */
    REJECTED,
    /** 503 or connection refused: nothing was written. */
    FAILED,
    /** 504, timeout, or connection lost after sending: may or may not have been written. */
    UNKNOWN
  }

  /** An answer: its outcome, status (0 without one) and body. */
  public record Reply(Outcome outcome, int status, String body) {}

  public Reply send(int port, String method, String path, String body) {
    return send("http://127.0.0.1:" + port + path, method, body);
  }

  public Reply get(String url) {
    return send(url, "GET", null);
  }

  public Reply put(String url, String body) {
    return send(url, "PUT", body);
  }

  /** {@code body} null sends none. */
  public Reply send(String url, String method, String body) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(timeout).method(method, publisher).build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      Outcome outcome =
          status / 100 == 2
              ? Outcome.OK
              : status == 503
                  ? Outcome.FAILED
                  : status / 100 == 4 ? Outcome.REJECTED : Outcome.UNKNOWN;
      return new Reply(outcome, status, response.body());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      return new Reply(Outcome.FAILED, 0, e.toString());
    } catch (HttpTimeoutException e) {
      return new Reply(Outcome.UNKNOWN, 0, e.toString());
    } catch (IOException e) {
      // Refused before connecting shows up as a ConnectException, possibly wrapped.
      Outcome outcome = e.getCause() instanceof ConnectException ? Outcome.FAILED : Outcome.UNKNOWN;
      return new Reply(outcome, 0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(Outcome.UNKNOWN, 0, e.toString());
    }
  }

  /** The node's view of the group, or empty if it does not answer. */
  public Optional<NodeStatus> status(int port) {
    Reply reply = send(port, "GET", "/api/v1/cluster", null);
    if (reply.status() != 200) {
      return Optional.empty();
    }
    String role = null;
    String leader = null;
    long term = -1;
    long commit = -1;
    long applied = -1;
    long snapshot = -1;
    long logStart = -1;
    boolean ready = false;
    Matcher m = FIELD.matcher(reply.body());
    while (m.find()) {
      String v = m.group(2);
      switch (m.group(1)) {
        case "role" -> role = v;
        case "leaderId" -> leader = v.equals("null") ? null : v;
        case "term" -> term = Long.parseLong(v);
        case "commitIndex" -> commit = Long.parseLong(v);
        case "appliedIndex" -> applied = Long.parseLong(v);
        case "snapshotIndex" -> snapshot = Long.parseLong(v);
        case "logStartIndex" -> logStart = Long.parseLong(v);
        default -> ready = Boolean.parseBoolean(v);
      }
    }
    return Optional.of(
        new NodeStatus(role, leader, term, commit, applied, snapshot, logStart, ready));
  }

  /** The fields of {@code GET /api/v1/cluster} the harness uses. */
  public record NodeStatus(
      String role,
      String leaderId,
      long term,
      long commitIndex,
      long appliedIndex,
      long snapshotIndex,
      long logStartIndex,
      boolean ready) {
    public boolean leader() {
      return "LEADER".equals(role);
    }
  }
}
