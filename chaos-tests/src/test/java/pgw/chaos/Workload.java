package pgw.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import pgw.chaos.NodeHttp.Outcome;
import pgw.chaos.NodeHttp.Reply;
import pgw.chaos.Op.Kind;

/**
 * Client threads pushing to and scraping random nodes, as a Kubernetes Service would spread them,
 * recording every operation. Writers PUT, POST and DELETE groups {@code job="chaos",instance="gN"}
 * with one gauge whose value is unique in the run; scrapers read every group at once.
 */
public final class Workload implements AutoCloseable {
  /**
   * Writer and scraper counts, how many groups and their name prefix (a run on a reused cluster
   * needs groups no earlier run touched), and how long a writer retries a failed push.
   */
  public record Settings(
      int writers, int scrapers, int groups, String groupPrefix, Duration retryBudget) {
    public static Settings defaults() {
      return new Settings(3, 2, 4, "g", Duration.ZERO);
    }

    public Settings withRetryBudget(Duration budget) {
      return new Settings(writers, scrapers, groups, groupPrefix, budget);
    }

    public Settings withGroupPrefix(String prefix) {
      return new Settings(writers, scrapers, groups, prefix, retryBudget);
    }
  }

  static final String METRIC = "chaos_value";
  private static final long BACK_OFF_NANOS = 50_000_000;

  private final Cluster cluster;
  private final Settings settings;
  private final long seed;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong values = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();

  private Workload(Cluster cluster, long seed, Settings settings) {
    this.cluster = cluster;
    this.seed = seed;
    this.settings = settings;
  }

  public static Workload start(Cluster cluster, long seed, Settings settings) {
    Workload w = new Workload(cluster, seed, settings);
    for (int p = 0; p < settings.writers(); p++) {
      int process = p;
      w.threads.add(Thread.ofPlatform().name("writer-" + p).start(() -> w.write(process)));
    }
    for (int p = 0; p < settings.scrapers(); p++) {
      int process = 100 + p;
      w.threads.add(Thread.ofPlatform().name("scraper-" + p).start(() -> w.scrape(process)));
    }
    return w;
  }

  public long seed() {
    return seed;
  }

  public List<String> groups() {
    List<String> groups = new ArrayList<>();
    for (int g = 0; g < settings.groups(); g++) {
      groups.add(settings.groupPrefix() + g);
    }
    return groups;
  }

  /** Waits until {@code n} more writes have been acknowledged than when called. */
  public void awaitMoreAcked(int n, Duration atMost) {
    long target = acked.get() + n;
    await(n + " more acknowledged writes").atMost(atMost).until(() -> acked.get() >= target);
  }

  public long acked() {
    return acked.get();
  }

  /** Stops the clients, waits for their last requests, and returns everything they recorded. */
  public List<Op> stop() {
    running.set(false);
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return List.copyOf(ops);
  }

  @Override
  public void close() {
    stop();
  }

  private void write(int process) {
    Random random = new Random(seed * 1_000_003L + process);
    while (running.get()) {
      String group = settings.groupPrefix() + random.nextInt(settings.groups());
      int roll = random.nextInt(100);
      Kind kind =
          roll < 45 ? Kind.PUT : roll < 80 ? Kind.POST : roll < 95 ? Kind.DELETE : Kind.INVALID_PUT;
      long value = kind == Kind.DELETE ? Op.ABSENT : values.incrementAndGet();
      String path = "/metrics/job/chaos/instance/" + group;
      String body =
          switch (kind) {
            case PUT, POST -> METRIC + " " + value + "\n";
            case INVALID_PUT -> METRIC + " " + value + " 1700000000000\n";
            default -> null;
          };
      String method = kind == Kind.INVALID_PUT ? "PUT" : kind.name();
      long start = Timeline.now();
      long budgetEnd = start + settings.retryBudget().toNanos();
      int node;
      Reply reply;
      do {
        node = random.nextInt(cluster.size());
        reply = cluster.http().send(cluster.node(node).httpPort(), method, path, body);
        // Only a failure is safe to retry with the same value: nothing was written.
        if (reply.outcome() == Outcome.FAILED && settings.retryBudget().isPositive()) {
          backOff();
        }
      } while (reply.outcome() == Outcome.FAILED && Timeline.now() < budgetEnd && running.get());
      ops.add(new Op(process, kind, group, value, node, start, Timeline.now(), reply.outcome()));
      if (reply.outcome() == Outcome.OK) {
        acked.incrementAndGet();
      } else if (reply.outcome() == Outcome.FAILED) {
        backOff();
      }
    }
  }

  private void scrape(int process) {
    Random random = new Random(seed * 1_000_003L + process);
    List<String> groups = groups();
    while (running.get()) {
      int node = random.nextInt(cluster.size());
      long start = Timeline.now();
      Reply reply = cluster.http().send(cluster.node(node).httpPort(), "GET", "/metrics", null);
      long end = Timeline.now();
      if (reply.outcome() != Outcome.OK) {
        ops.add(new Op(process, Kind.READ, "*", Op.ABSENT, node, start, end, reply.outcome()));
        backOff();
        continue;
      }
      Map<String, Long> seen = parse(reply.body());
      for (String group : groups) {
        ops.add(
            new Op(
                process,
                Kind.READ,
                group,
                seen.getOrDefault(group, Op.ABSENT),
                node,
                start,
                end,
                Outcome.OK));
      }
    }
  }

  /** A client's pause after a refusal, so that a dead node is not hammered in a tight loop. */
  private static void backOff() {
    LockSupport.parkNanos(BACK_OFF_NANOS);
  }

  /** The value of {@value #METRIC} per group in a scrape's text exposition. */
  static Map<String, Long> parse(String exposition) {
    Map<String, Long> values = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      if (!line.startsWith(METRIC + "{")) {
        continue;
      }
      int at = line.indexOf("instance=\"") + "instance=\"".length();
      String group = line.substring(at, line.indexOf('"', at));
      String number = line.substring(line.lastIndexOf(' ') + 1);
      values.put(group, (long) Double.parseDouble(number));
    }
    return values;
  }
}
