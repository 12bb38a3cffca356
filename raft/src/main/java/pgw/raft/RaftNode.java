package pgw.raft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * One node's Raft server and the client it proposes through: built from {@link RaftSettings},
 * started, observed with {@link #status()}, and closed in the right order.
 */
public final class RaftNode implements AutoCloseable {
  /** Every cluster is one Raft group; its id is fixed so that nodes need no extra setting. */
  static final RaftGroupId GROUP_ID =
      RaftGroupId.valueOf(UUID.nameUUIDFromBytes("pushgateway".getBytes(StandardCharsets.UTF_8)));

  private static final TimeDuration RETRY_SLEEP = TimeDuration.valueOf(100, TimeUnit.MILLISECONDS);

  /**
   * The largest Raft log entry, in bytes: room for one command of at most {@link
   * #MAX_COMMAND_BYTES}.
   */
  static final int MAX_ENTRY_BYTES = 32 << 20;

  /** The largest encoded command; the rest of an entry is Ratis' and the batch's framing. */
  public static final int MAX_COMMAND_BYTES = MAX_ENTRY_BYTES - (64 << 10);

  private final RaftSettings settings;
  private final GatewayStateMachine stateMachine;
  private final RaftServer server;
  private final RaftClient client;

  private RaftNode(RaftSettings settings, GatewayStateMachine sm, RaftServer server, RaftClient c) {
    this.settings = settings;
    this.stateMachine = sm;
    this.server = server;
    this.client = c;
  }

  /** Starts the Raft server (recovering from its storage directory) and a client for it. */
  public static RaftNode start(RaftSettings settings) throws IOException {
    RaftProperties properties = properties(settings);
    RaftGroup group = group(settings);
    var stateMachine = new GatewayStateMachine(settings.snapshotInterval());
    RaftServer server =
        RaftServer.newBuilder()
            .setServerId(RaftPeerId.valueOf(settings.selfId()))
            .setGroup(group)
            .setProperties(properties)
            .setStateMachine(stateMachine)
            .setOption(startupOption(settings))
            .build();
    server.start();
    int attempts = (int) Math.max(1, settings.requestTimeout().toMillis() / 100);
    RaftClient client =
        RaftClient.newBuilder()
            .setProperties(properties)
            .setRaftGroup(group)
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(attempts, RETRY_SLEEP))
            .build();
    return new RaftNode(settings, stateMachine, server, client);
  }

  private static RaftGroup group(RaftSettings settings) {
    List<RaftPeer> peers =
        settings.peers().stream()
            .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).build())
            .toList();
    return RaftGroup.valueOf(GROUP_ID, peers);
  }

  /** Ratis refuses to format over an existing group directory, and to recover without one. */
  private static RaftStorage.StartupOption startupOption(RaftSettings settings) {
    boolean existing =
        Files.isDirectory(settings.storageDir().resolve(GROUP_ID.getUuid().toString()));
    return existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT;
  }

  /** The one place settings become Ratis properties. */
  static RaftProperties properties(RaftSettings s) {
    RaftProperties p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
    GrpcConfigKeys.Server.setHost(p, s.self().host());
    GrpcConfigKeys.Server.setPort(p, s.self().port());
    RaftServerConfigKeys.setStorageDir(p, List.of(s.storageDir().toFile()));
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, duration(s.electionTimeoutMin()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, duration(s.electionTimeoutMax()));
    // Ratis defaults to no automatic snapshots and to keeping every snapshot ever taken.
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, s.snapshotInterval());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(
        p, (int) Math.min(Integer.MAX_VALUE, s.snapshotInterval()));
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(s.logSegmentSize()));
    // Ratis refuses entries past its 4 MB default, and a command is up to three times its body
    // (16 MiB by default). The limit is fixed, not derived from a flag: a node reads its log back
    // with the same limit, so lowering it would make old entries unreadable.
    SizeInBytes entry = SizeInBytes.valueOf(MAX_ENTRY_BYTES);
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, entry);
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(MAX_ENTRY_BYTES + 64));
    RaftServerConfigKeys.Write.setByteLimit(p, SizeInBytes.valueOf(4L * MAX_ENTRY_BYTES));
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(MAX_ENTRY_BYTES + (2 << 20)));
    // Ratis closes a server whose JVM was paused for a minute (SIGSTOP, a frozen VM), leaving the
    // process up but out of the group for good. Raft itself needs no such rule: a resumed member
    // catches up like any slow one, and a resumed leader has lost its term (found by the long
    // chaos run, round seed 1123044).
    RaftServerConfigKeys.setCloseThreshold(p, TimeDuration.valueOf(3650, TimeUnit.DAYS));
    // Ratis would log a metadata entry after every commit, doubling the entries (and fsyncs) per
    // write; Raft needs no persisted commit index, the leader re-establishes it.
    RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
    // Scrapes on any replica must reflect every acknowledged write (decision D17).
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Read.setTimeout(p, duration(s.requestTimeout()));
    // A request to a paused or partitioned leader hangs until this timeout; retrying elsewhere
    // must still fit in the node's own deadline.
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, duration(s.requestTimeout().dividedBy(3)));
    return p;
  }

  private static TimeDuration duration(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  public RaftSettings settings() {
    return settings;
  }

  public GatewayStateMachine stateMachine() {
    return stateMachine;
  }

  RaftServer server() {
    return server;
  }

  RaftClient client() {
    return client;
  }

  RaftPeerId selfId() {
    return RaftPeerId.valueOf(settings.selfId());
  }

  public RaftStatus status() {
    LifeCycle.State state = server.getLifeCycleState();
    if (state.isClosingOrClosed() || state == LifeCycle.State.EXCEPTION) {
      return RaftStatus.without(settings.selfId(), RaftStatus.STOPPED, settings.peers());
    }
    try {
      var division = server.getDivision(GROUP_ID);
      var info = division.getInfo();
      RaftPeerId leader = info.getLeaderId();
      return new RaftStatus(
          settings.selfId(),
          info.getCurrentRole().name(),
          leader == null ? null : leader.toString(),
          info.getCurrentTerm(),
          division.getRaftLog().getLastCommittedIndex(),
          info.getLastAppliedIndex(),
          stateMachine.lastSnapshotIndex(),
          division.getRaftLog().getStartIndex(),
          settings.peers());
    } catch (IOException e) {
      return RaftStatus.without(settings.selfId(), "UNAVAILABLE", settings.peers());
    }
  }

  /**
   * Hands leadership to another member, so that the group does not wait an election timeout after
   * this node stops. Ratis only steps down when no successor is named, and the new leader would
   * then still need an election timeout; so each other member is asked in turn (Ratis waits until
   * the one asked has caught up). Returns false if none took over in time. The request goes
   * straight to this node, without the proposing client's retries, which would repeat a transfer to
   * an unreachable member far beyond the caller's time limit.
   */
  public boolean stepDown(Duration timeoutPerPeer) {
    try (RaftClient admin =
        RaftClient.newBuilder()
            .setProperties(properties(settings))
            .setRaftGroup(group(settings))
            .setLeaderId(selfId())
            .setRetryPolicy(RetryPolicies.noRetry())
            .build()) {
      for (RaftSettings.Peer peer : settings.peers()) {
        if (!peer.id().equals(settings.selfId()) && transfer(admin, peer, timeoutPerPeer)) {
          return true;
        }
      }
    } catch (IOException e) {
      // closing the one-off client; nothing was left to do with it
    }
    return false;
  }

  private static boolean transfer(RaftClient admin, RaftSettings.Peer to, Duration timeout) {
    try {
      return admin
          .admin()
          .transferLeadership(RaftPeerId.valueOf(to.id()), timeout.toMillis())
          .isSuccess();
    } catch (IOException e) {
      return false; // that member may be down or behind: ask the next one
    }
  }

  /** Closes the client, then the server; the server's final snapshot is written before return. */
  @Override
  public void close() throws IOException {
    stateMachine.prepareForShutdown();
    try {
      client.close();
    } finally {
      server.close();
    }
  }
}
