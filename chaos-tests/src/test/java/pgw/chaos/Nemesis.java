package pgw.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Random faults, one at a time, each held until the cluster has made progress under it and then
 * repaired. With one fault at a time a three-node cluster always keeps a majority, so waiting for
 * acknowledged pushes (rather than for a fixed time) also proves it stays available.
 */
public final class Nemesis {
  private static final Duration PROGRESS = Duration.ofSeconds(120);

  /** The faults the nemesis picks from. */
  public enum Fault {
    KILL_LEADER,
    KILL_FOLLOWER,
    TERMINATE,
    PAUSE,
    ISOLATE,
    CUT_ONE_WAY
  }

  private Nemesis() {}

  /** Inflicts faults until {@code duration} has passed. */
  public static void runFor(Duration duration, Cluster cluster, Workload load, Random random) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      step(cluster, load, random);
    }
  }

  /** Inflicts {@code n} faults. */
  public static void steps(int n, Cluster cluster, Workload load, Random random) {
    for (int i = 0; i < n; i++) {
      step(cluster, load, random);
    }
  }

  /** One fault: inflict, hold while pushes are acknowledged, repair, see pushes again. */
  public static void step(Cluster cluster, Workload load, Random random) {
    Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
    int leader = cluster.leader();
    List<Integer> followers = cluster.others(leader);
    int follower = followers.get(random.nextInt(followers.size()));
    int any = random.nextInt(cluster.size());
    int hold = 5 + random.nextInt(25);
    switch (fault) {
      case KILL_LEADER -> {
        int killed = cluster.killLeader();
        load.awaitMoreAcked(hold, PROGRESS);
        cluster.restart(killed);
      }
      case KILL_FOLLOWER -> {
        cluster.kill(follower);
        load.awaitMoreAcked(hold, PROGRESS);
        cluster.restart(follower);
      }
      case TERMINATE -> {
        cluster.terminate(any);
        load.awaitMoreAcked(hold, PROGRESS);
        cluster.restart(any);
      }
      case PAUSE -> {
        cluster.pause(any);
        load.awaitMoreAcked(hold, PROGRESS);
        cluster.resume(any);
      }
      case ISOLATE -> {
        cluster.isolate(any);
        load.awaitMoreAcked(hold, PROGRESS);
        cluster.healAll();
      }
      case CUT_ONE_WAY -> {
        boolean fromLeader = random.nextBoolean();
        cluster.cut(fromLeader ? leader : follower, fromLeader ? follower : leader);
        load.awaitMoreAcked(hold, PROGRESS);
        cluster.healAll();
      }
    }
    load.awaitMoreAcked(3, PROGRESS);
  }
}
