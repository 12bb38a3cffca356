package pgw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import pgw.api.GroupingKey;
import pgw.api.GroupingKeyPath;
import pgw.api.MetricFamily;
import pgw.api.PushMode;
import pgw.api.format.ParseException;
import pgw.api.gateway.Gateway;
import pgw.api.store.PushResult;

/**
 * {@code PUT}, {@code POST} and {@code DELETE} on {@code /metrics/job/<job>{/<label>/<value>}}: the
 * grouping key comes from the raw path, the families from the body, each parsed once here.
 */
public final class PushService {
  static final String REJECTED_PREFIX =
      "pushed metrics are invalid or inconsistent with existing metrics: ";
  private static final String METRICS = "/metrics";

  private final Gateway gateway;
  private final Status accepted;
  private final String metricsPath;
  private final long maxBodyBytes;

  /**
   * @param routePrefix {@code --web.route-prefix} as normalised ({@code ""} or {@code /foo})
   */
  public PushService(
      Gateway gateway, boolean consistencyCheckDisabled, String routePrefix, long maxBodyBytes) {
    this.gateway = gateway;
    this.metricsPath = routePrefix + METRICS;
    this.maxBodyBytes = maxBodyBytes;
    // Decision D10: without the check upstream answers 202; here the check always runs.
    this.accepted = consistencyCheckDisabled ? Status.ACCEPTED_202 : Status.OK_200;
  }

  public void push(ServerRequest req, ServerResponse res, PushMode mode) throws ParseException {
    GroupingKey key = groupingKey(req);
    byte[] body = RequestBodies.read(req, maxBodyBytes);
    List<MetricFamily> families =
        PushBodies.parse(req.headers().first(HeaderNames.CONTENT_TYPE), body);
    switch (gateway.push(key, mode, families)) {
      case PushResult.Accepted a -> res.status(accepted).send();
      case PushResult.Rejected r ->
          TextResponses.error(res, Status.BAD_REQUEST_400, REJECTED_PREFIX + r.reason());
    }
  }

  public void delete(ServerRequest req, ServerResponse res) {
    gateway.delete(groupingKey(req));
    res.status(Status.ACCEPTED_202).send();
  }

  /** Helidon decodes path parameters ({@code %2F} → {@code /}); the key needs the raw path. */
  private GroupingKey groupingKey(ServerRequest req) {
    String raw = req.path().rawPath();
    int at = raw.indexOf(metricsPath);
    if (at != 0) {
      throw new NotFoundException(raw);
    }
    String rest = raw.substring(metricsPath.length());
    if (!GroupingKeyPath.isPushPath(rest)) {
      throw new NotFoundException(raw);
    }
    return GroupingKeyPath.parse(rest);
  }
}
