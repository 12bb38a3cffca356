package pgw.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Raft links between nodes, each through a {@link Relay} the test controls.
 *
 * <p>Why host names and per-process hosts files: every node must be configured with the same peer
 * addresses, because a Ratis leader writes its own view of the group (peer ids and addresses) into
 * the log at the start of each term ({@code LeaderStateImpl.StartupLogEntry}), followers adopt it,
 * and a restarted node recovers it from its log. Per-node relay addresses in {@code --raft.peers}
 * would therefore leak from the leader to everyone. Instead all nodes know peer {@code nJ} as
 * {@code pgw-nJ:port}, and node I's JVM resolves that name through its own hosts file ({@code
 * -Djdk.net.hosts.file}) to the loopback address of the relay for the link I→J, {@code
 * 127.(100+I).(100+J).1}. Its own name resolves to 127.0.0.1, where its Raft server listens.
 */
public final class Network implements AutoCloseable {
  private final int size;
  private final Relay[][] relays;

  Network(int size, int[] raftPorts, Path dir) throws IOException {
    this.size = size;
    this.relays = new Relay[size][size];
    for (int from = 0; from < size; from++) {
      List<String> hosts = new ArrayList<>();
      for (int to = 0; to < size; to++) {
        if (from == to) {
          hosts.add("127.0.0.1 " + hostName(to));
          continue;
        }
        InetAddress listen = relayAddress(from, to);
        relays[from][to] =
            new Relay(listen, raftPorts[to], new InetSocketAddress("127.0.0.1", raftPorts[to]));
        hosts.add(listen.getHostAddress() + " " + hostName(to));
      }
      Files.write(hostsFile(dir, from), hosts);
    }
  }

  static String hostName(int node) {
    return "pgw-n" + (node + 1);
  }

  static Path hostsFile(Path dir, int node) {
    return dir.resolve("hosts-" + hostName(node));
  }

  private static InetAddress relayAddress(int from, int to) {
    try {
      return InetAddress.getByAddress(new byte[] {127, (byte) (100 + from), (byte) (100 + to), 1});
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * From now on nothing {@code from} sends reaches {@code to}; the reverse direction still works.
   */
  public void cut(int from, int to) {
    relays[from][to].forward().close();
    relays[to][from].backward().close();
  }

  /** Lets {@code from}'s bytes reach {@code to} again, including those held back. */
  public void heal(int from, int to) {
    relays[from][to].forward().open();
    relays[to][from].backward().open();
  }

  /** Cuts every link between the two sides, both ways. */
  public void partition(List<Integer> side, List<Integer> other) {
    for (int a : side) {
      for (int b : other) {
        cut(a, b);
        cut(b, a);
      }
    }
  }

  /** Cuts {@code node} off from everyone, both ways. */
  public void isolate(int node) {
    for (int other = 0; other < size; other++) {
      if (other != node) {
        cut(node, other);
        cut(other, node);
      }
    }
  }

  /** Heals every link. */
  public void healAll() {
    for (int a = 0; a < size; a++) {
      for (int b = 0; b < size; b++) {
        if (a != b) {
          heal(a, b);
        }
      }
    }
  }

  /** Whether bytes from {@code from} currently reach {@code to}. */
  public boolean connected(int from, int to) {
    return from == to || relays[from][to].forward().isOpen();
  }

  @Override
  public void close() throws IOException {
    for (Relay[] row : relays) {
      for (Relay r : row) {
        if (r != null) {
          r.close();
        }
      }
    }
  }
}
