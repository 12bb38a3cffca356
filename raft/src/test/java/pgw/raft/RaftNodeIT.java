package pgw.raft;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pgw.api.GroupingKey;
import pgw.api.PushMode;
import pgw.api.gateway.ReadConsistency;
import pgw.api.store.PushResult;

/** A one-member Raft group over real gRPC: writes, snapshots, retention and restart. */
class RaftNodeIT {
  @TempDir Path dir;

  RaftSettings settings(long snapshotInterval) throws IOException {
    int port;
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return new RaftSettings(
        "solo",
        List.of(new RaftSettings.Peer("solo", "127.0.0.1:" + port)),
        dir,
        snapshotInterval,
        Duration.ofMillis(300),
        Duration.ofMillis(600),
        Duration.ofSeconds(5),
        4096);
  }

  @Test
  void restartRecoversSnapshotPlusLogTailAndKeepsTwoSnapshots() throws IOException {
    RaftSettings settings = settings(10);
    List<pgw.api.store.Group> before;
    try (RaftNode node = RaftNode.start(settings)) {
      var gateway = new RaftGateway(node, Clock.systemUTC());
      for (int i = 0; i < 45; i++) {
        PushResult r =
            gateway.push(
                GroupingKey.of("job" + (i % 5)),
                PushMode.REPLACE_GROUP,
                List.of(Samples.gauge("v", i)));
        assertInstanceOf(PushResult.Accepted.class, r);
      }
      await().until(() -> node.status().snapshotIndex() >= 30);
      before = gateway.read(ReadConsistency.LINEARIZABLE).groups();
    }
    assertEquals(2, snapshotFiles().size(), "retention keeps two: " + snapshotFiles());

    try (RaftNode node = RaftNode.start(settings)) {
      assertTrue(node.status().snapshotIndex() >= 45, "the shutdown snapshot was loaded");
      var gateway = new RaftGateway(node, Clock.systemUTC());
      assertEquals(before, gateway.read(ReadConsistency.LINEARIZABLE).groups());
    }
  }

  @Test
  void eachWriteIsOneLogEntryAndEachLinearizableReadOneEmptyEntry() throws IOException {
    try (RaftNode node = RaftNode.start(settings(1000))) {
      var gateway = new RaftGateway(node, Clock.systemUTC());
      // The first write also commits the leader's start-of-term entry; count from after it.
      gateway.delete(GroupingKey.of("warm-up"));
      long before = node.status().commitIndex();
      for (int i = 0; i < 10; i++) {
        gateway.push(
            GroupingKey.of("job" + i), PushMode.REPLACE_GROUP, List.of(Samples.gauge("v", i)));
      }
      long afterPushes = node.status().commitIndex();
      var stored = gateway.read(ReadConsistency.LOCAL).groups();
      for (int i = 0; i < 10; i++) {
        gateway.read(ReadConsistency.LOCAL);
      }
      assertEquals(afterPushes, node.status().commitIndex(), "local reads add no entry");
      for (int i = 0; i < 10; i++) {
        // The read barrier is an entry of its own, and it changes nothing.
        assertEquals(stored, gateway.read(ReadConsistency.LINEARIZABLE).groups());
      }
      assertEquals(afterPushes + 10, node.status().commitIndex(), "linearizable reads");
      assertEquals(before + 10, afterPushes, "pushes");
      gateway.delete(GroupingKey.of("job0"));
      assertEquals(before + 21, node.status().commitIndex());
    }
  }

  @Test
  void aServerThatStopsOnItsOwnIsReportedAsStopped() throws IOException {
    try (RaftNode node = RaftNode.start(settings(1000))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> node.status().leaderId() != null);
      assertFalse(node.status().stopped());
      node.server().close(); // as Ratis does after a fatal log error
      assertTrue(node.status().stopped(), node.status().toString());
    }
  }

  private List<Path> snapshotFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).toList();
    }
  }
}
