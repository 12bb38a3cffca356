package pgw.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pgw.api.gateway.ReadConsistency;

class FlagsTest {
  @TempDir Path dir;

  private NodeConfig parse(Map<String, String> env, String... args) {
    return Flags.parse(args, env);
  }

  private String rejection(String... args) {
    return assertThrows(ConfigException.class, () -> parse(Map.of(), args)).getMessage();
  }

  @Test
  void theDefaultsStartASingleNodeGroupOnPort9091() {
    NodeConfig config = parse(Map.of(), "--data.dir=" + dir);
    assertEquals(9091, config.listenPort());
    assertEquals("", config.listenHost());
    assertEquals(1, config.raft().peers().size());
    assertEquals("node1", config.raft().selfId());
    assertEquals(ReadConsistency.LINEARIZABLE, config.readConsistency());
  }

  @Test
  void flagsComeFromTheEnvironmentAndTheCommandLineWins() {
    var env =
        Map.of(
            "PGW_NODE_ID", "b",
            "PGW_RAFT_PEERS", "a=127.0.0.1:1,b=127.0.0.1:2,c=127.0.0.1:3",
            "PGW_DATA_DIR", dir.toString(),
            "PGW_REQUEST_TIMEOUT", "3s");
    NodeConfig config = parse(env, "--request.timeout", "1m30s", "--read.consistency=local");
    assertEquals("b", config.raft().selfId());
    assertEquals(3, config.raft().peers().size());
    assertEquals(Duration.ofSeconds(90), config.raft().requestTimeout());
    assertEquals(ReadConsistency.LOCAL, config.readConsistency());
  }

  @Test
  void booleanFlagsWorkBareOrNegated() {
    assertTrue(parse(Map.of(), "--data.dir=" + dir, "--web.enable-admin-api").adminApi());
    assertFalse(
        parse(
                Map.of("PGW_WEB_ENABLE_ADMIN_API", "true"),
                "--data.dir=" + dir,
                "--no-web.enable-admin-api")
            .adminApi());
  }

  @Test
  void anInconsistentSettingIsOneClearLine() {
    String notAPeer =
        rejection("--data.dir=" + dir, "--node.id=z", "--raft.peers=a=127.0.0.1:1,b=127.0.0.1:2");
    assertTrue(notAPeer.contains("\"z\" is not among the peers"), notAPeer);
    assertTrue(rejection("--persistence.file=x").contains("--persistence.file is not supported"));
    assertTrue(rejection("--bogus=1").contains("unknown flag --bogus"));
    assertTrue(
        rejection("--data.dir=" + dir, "--request.timeout=soon").contains("request.timeout"));
    assertTrue(rejection("--data.dir=" + dir, "--read.consistency=eventual").contains("eventual"));
    assertTrue(rejection("--data.dir=" + dir, "--web.listen-address=9091").contains("host]:port"));
    for (String message : new String[] {notAPeer, rejection("--persistence.interval=5m")}) {
      assertFalse(message.contains("\n"), message);
    }
  }

  @Test
  void anUnwritableDataDirectoryIsRejected() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    String message = rejection("--data.dir=" + file.resolve("data"));
    assertTrue(message.contains("is not writable"), message);
  }
}
