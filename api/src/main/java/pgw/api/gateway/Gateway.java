package pgw.api.gateway;

import java.util.List;
import pgw.api.GroupingKey;
import pgw.api.MetricFamily;
import pgw.api.PushMode;
import pgw.api.store.PushResult;
import pgw.api.store.StoreView;

/**
 * What the HTTP layer asks of the gateway. Every write returns only once its outcome is known and,
 * when replicated, durable; otherwise it throws a {@link GatewayException} saying why not.
 */
public interface Gateway {

  /** Pushes {@code families} to the group {@code key}; the time of the push is stamped here. */
  PushResult push(GroupingKey key, PushMode mode, List<MetricFamily> families);

  /** Deletes the group {@code key} (a no-op when there is none). */
  void delete(GroupingKey key);

  /** Deletes every group. */
  void wipe();

  /** The state to answer a read from, as fresh as {@code consistency} promises. */
  StoreView read(ReadConsistency consistency);
}
