package pgw.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, as an operator starts it: a bad setting stops it at once with one line. */
class MainIT {
  @TempDir Path dir;

  private record Exit(int code, List<String> stderr) {}

  private Exit run(String... flags) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("pgw.node.jar", "target/pgw-node.jar"));
    var command = new java.util.ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(flags));
    Process process =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running: " + command);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Exit(process.exitValue(), err.lines().toList());
  }

  @Test
  void ownIdMissingFromThePeersStopsTheNodeWithOneLine() throws Exception {
    Exit exit =
        run(
            "--data.dir=" + dir,
            "--node.id=n9",
            "--raft.peers=n1=127.0.0.1:1,n2=127.0.0.1:2,n3=127.0.0.1:3");
    assertEquals(2, exit.code());
    assertEquals(List.of("pgw-node: this node's id \"n9\" is not among the peers"), exit.stderr());
  }

  @Test
  void thePersistenceFileFlagIsRefused() throws Exception {
    Exit exit = run("--data.dir=" + dir, "--persistence.file=/tmp/pgw.state");
    assertEquals(2, exit.code());
    assertEquals(1, exit.stderr().size(), exit.stderr().toString());
    assertTrue(exit.stderr().get(0).contains("--persistence.file is not supported"));
  }
}
