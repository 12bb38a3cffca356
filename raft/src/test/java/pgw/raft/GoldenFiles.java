package pgw.raft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import pgw.raft.command.CommandCodecTest;
import pgw.raft.snapshot.SnapshotCodecTest;

/**
 * Writes the golden files from {@link Samples} after a deliberate format change (with its VERSION
 * bump). Run from the repository root after {@code mvn -pl raft -am test-compile}:
 *
 * <pre>
 * java -cp "raft/target/test-classes:raft/target/classes:api/target/classes:$(cat raft/target/cp.txt)" \
 *     pgw.raft.GoldenFiles raft/src/test/resources/golden
 * </pre>
 *
 * (with {@code cp.txt} from {@code mvn -pl raft dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}). The golden tests then pin the new bytes.
 */
public final class GoldenFiles {
  private GoldenFiles() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.write(dir.resolve(CommandCodecTest.GOLDEN), CommandCodecTest.goldenBytes());
    Files.write(dir.resolve(SnapshotCodecTest.GOLDEN), SnapshotCodecTest.goldenBytes());
    System.out.println("wrote " + CommandCodecTest.GOLDEN + ", " + SnapshotCodecTest.GOLDEN);
  }
}
