package pgw.api.gateway;

import java.time.Clock;
import java.util.List;
import pgw.api.GroupingKey;
import pgw.api.MetricFamily;
import pgw.api.PushMode;
import pgw.api.store.MetricStore;
import pgw.api.store.PushResult;
import pgw.api.store.StoreView;

/** A gateway over one in-process store, serialised by a lock: for tests of the HTTP layer. */
public final class LocalGateway implements Gateway {
  private final MetricStore store = new MetricStore();
  private final Clock clock;

  public LocalGateway(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized PushResult push(GroupingKey key, PushMode mode, List<MetricFamily> families) {
    return store.push(key, mode, families, epochNanos());
  }

  @Override
  public synchronized void delete(GroupingKey key) {
    store.delete(key);
  }

  @Override
  public synchronized void wipe() {
    store.wipe();
  }

  @Override
  public synchronized StoreView read(ReadConsistency consistency) {
    return store.view();
  }

  private long epochNanos() {
    var now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
