package pgw.node.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import pgw.api.gateway.Gateway;

/** {@code PUT /api/v1/admin/wipe}, registered only with {@code --web.enable-admin-api}. */
public final class AdminService {
  private final Gateway gateway;

  public AdminService(Gateway gateway) {
    this.gateway = gateway;
  }

  public void wipe(ServerRequest req, ServerResponse res) {
    gateway.wipe();
    res.status(Status.ACCEPTED_202).send();
  }
}
