package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.awaitility.core.ConditionTimeoutException;
import pgw.chaos.NodeHttp;

/**
 * A client that pushes values 1, 2, 3, ... one at a time, as a batch job's exporter would. Like a
 * client behind a Kubernetes Service it tries the next address when one fails, and retries a value
 * (PUT is idempotent) until it is acknowledged or {@code retryFor} has passed.
 */
public final class Pusher implements AutoCloseable {
  private static final NodeHttp HTTP = new NodeHttp(Duration.ofSeconds(20));

  /** A push the gateway acknowledged with 2xx, and when the answer arrived (epoch millis). */
  public record Ack(long value, long atMillis) {}

  /** Where a value goes and what is sent. */
  public record Target(LongFunction<String> path, LongFunction<String> body) {}

  private static final long BACKOFF_MILLIS = 100;

  private final String name;
  private final List<String> baseUrls;
  private final Duration retryFor;
  private final Target target;
  private final ScheduledExecutorService scheduler;
  private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong next = new AtomicLong(1);
  private final AtomicLong retried = new AtomicLong();
  private volatile String lastError = "none";
  private int rotation;

  public Pusher(String name, List<String> baseUrls, Duration retryFor, Target target) {
    this.name = name;
    this.baseUrls = List.copyOf(baseUrls);
    this.retryFor = retryFor;
    this.target = target;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name));
  }

  /** Pushes the next value every {@code interval} after the previous one was answered. */
  public Pusher start(Duration interval) {
    scheduler.scheduleWithFixedDelay(this::pushNext, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void pushNext() {
    long value = next.get();
    long deadline = System.nanoTime() + retryFor.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      String base = baseUrls.get(rotation++ % baseUrls.size());
      NodeHttp.Reply a = HTTP.put(base + target.path().apply(value), target.body().apply(value));
      if (a.outcome() == NodeHttp.Outcome.OK) {
        acks.add(new Ack(value, System.currentTimeMillis()));
        next.incrementAndGet();
        return;
      }
      last = base + " answered " + a.status() + " " + a.body().strip();
      lastError = "value " + value + ": " + last;
      retried.incrementAndGet();
      if (a.status() == 0 || a.status() == 503) {
        backOff();
      }
    }
    failures.add(name + " value " + value + " not acknowledged in " + retryFor + ": " + last);
    next.incrementAndGet();
  }

  // A client's retry back-off, not a test waiting for a condition.
  private static void backOff() {
    try {
      Thread.sleep(BACKOFF_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until every pusher has had {@code acks} more pushes acknowledged. */
  public static void awaitProgress(List<Pusher> pushers, int acks) {
    List<Long> start = pushers.stream().map(Pusher::ackCount).toList();
    try {
      await("every pusher acknowledged " + acks + " more pushes")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                for (int i = 0; i < pushers.size(); i++) {
                  if (pushers.get(i).ackCount() < start.get(i) + acks) {
                    return false;
                  }
                }
                return true;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no progress; last errors: "
              + pushers.stream().map(p -> p.name() + ": " + p.lastError()).toList(),
          e);
    }
  }

  public List<Ack> acks() {
    return List.copyOf(acks);
  }

  public long ackCount() {
    return acks.size();
  }

  public long lastAcked() {
    return acks.stream().mapToLong(Ack::value).max().orElse(0);
  }

  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** The last failed attempt, for failure messages. */
  public String lastError() {
    return lastError;
  }

  public long retries() {
    return retried.get();
  }

  public String name() {
    return name;
  }

  /** Stops after the value under way has been acknowledged (or has given up). */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(2, TimeUnit.MINUTES)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
