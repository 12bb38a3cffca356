package pgw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import pgw.api.gateway.Gateway;
import pgw.api.gateway.ReadConsistency;
import pgw.api.store.StoreView;

/**
 * The JSON API under {@code /api/v1} (Pushgateway §1.5): {@code status}, {@code metrics}, and
 * {@code OPTIONS} on anything below it. Every answer of the API carries upstream's CORS and caching
 * headers; {@link #cors} adds them to the API's other handlers too.
 */
public final class ApiService {
  private final Gateway gateway;
  private final ReadConsistency consistency;
  private final String statusJson;

  /**
   * @param flags every flag's current value, rendered as upstream renders it
   * @param buildInformation upstream's six keys
   * @param startEpochNanos when this node started
   */
  public ApiService(
      Gateway gateway,
      ReadConsistency consistency,
      Map<String, String> flags,
      Map<String, String> buildInformation,
      long startEpochNanos) {
    this.gateway = gateway;
    this.consistency = consistency;
    this.statusJson =
        "{\"status\":\"success\",\"data\":{\"build_information\":"
            + object(buildInformation)
            + ",\"flags\":"
            + object(flags)
            + ",\"start_time\":"
            + Json.string(MetricsJson.time(startEpochNanos))
            + "}}";
  }

  /** {@code handler} with the API's headers set before it runs. */
  public static Handler cors(Handler handler) {
    return (req, res) -> {
      headers(res);
      handler.handle(req, res);
    };
  }

  public void status(ServerRequest req, ServerResponse res) {
    headers(res);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(statusJson);
  }

  public void metrics(ServerRequest req, ServerResponse res) throws IOException {
    headers(res);
    StoreView view = gateway.read(consistency);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    try (OutputStream out = res.outputStream();
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8192)) {
      w.write("{\"status\":\"success\",\"data\":");
      MetricsJson.write(view.groups(), w);
      w.write('}');
    }
  }

  public void options(ServerRequest req, ServerResponse res) {
    headers(res);
    res.status(Status.OK_200).send();
  }

  private static void headers(ServerResponse res) {
    res.header("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Origin");
    res.header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
    res.header("Access-Control-Allow-Origin", "*");
    res.header("Access-Control-Expose-Headers", "Date");
    res.header(HeaderNames.CACHE_CONTROL, "no-cache, no-store, must-revalidate");
  }

  private static String object(Map<String, String> map) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(Json.string(e.getKey())).append(':').append(Json.string(e.getValue()));
    }
    return sb.append('}').toString();
  }
}
