package pgw.node.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code PUT}/{@code POST /-/quit} (Pushgateway §1.2): with {@code --web.enable-lifecycle} the node
 * answers, then shuts down cleanly, exactly as on SIGTERM; without it, 403. {@code GET /-/quit} is
 * upstream's hint that only PUT and POST work.
 */
public final class LifecycleService {
  private final boolean enabled;
  private final Runnable quit;

  /**
   * @param quit called once the answer is sent; it must not block the request (it runs the shutdown
   *     that waits for in-flight requests, this one included)
   */
  public LifecycleService(boolean enabled, Runnable quit) {
    this.enabled = enabled;
    this.quit = quit;
  }

  public void quit(ServerRequest req, ServerResponse res) {
    if (!enabled) {
      TextResponses.text(res, Status.FORBIDDEN_403, "Lifecycle API is not enabled.");
      return;
    }
    TextResponses.text(res, Status.OK_200, "Requesting termination... Goodbye!");
    quit.run();
  }

  public void quitWrongMethod(ServerRequest req, ServerResponse res) {
    TextResponses.text(res, Status.METHOD_NOT_ALLOWED_405, "Only POST or PUT requests allowed.");
  }
}
