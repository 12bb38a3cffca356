package pgw.raft.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import pgw.raft.Samples;
import pgw.raft.codec.CodecException;

public class SnapshotCodecTest {
  private static final SnapshotCodec.Contents CONTENTS =
      new SnapshotCodec.Contents(3, 1234, Samples.groups());

  static byte[] encode(SnapshotCodec.Contents contents) throws IOException {
    var out = new ByteArrayOutputStream();
    SnapshotCodec.write(contents, out);
    return out.toByteArray();
  }

  @Test
  void roundTrips() throws IOException {
    assertEquals(CONTENTS, SnapshotCodec.read(new ByteArrayInputStream(encode(CONTENTS))));
  }

  @Test
  void anEmptyStoreRoundTrips() throws IOException {
    var empty = new SnapshotCodec.Contents(1, 1, List.of());
    assertEquals(empty, SnapshotCodec.read(new ByteArrayInputStream(encode(empty))));
  }

  public static final String GOLDEN = "snapshot-v" + SnapshotCodec.VERSION + ".bin";

  public static byte[] goldenBytes() throws IOException {
    return encode(CONTENTS);
  }

  @Test
  void matchesTheGoldenFileOfThisVersion() throws IOException {
    byte[] golden;
    try (InputStream in = getClass().getResourceAsStream("/golden/" + GOLDEN)) {
      golden = in.readAllBytes();
    }
    assertArrayEquals(golden, encode(CONTENTS), "the snapshot format changed: bump VERSION");
    assertEquals(CONTENTS, SnapshotCodec.read(new ByteArrayInputStream(golden)));
  }

  @Test
  void aFileOfTheFormerVersionIsRefusedByName() throws IOException {
    byte[] v1;
    try (InputStream in = getClass().getResourceAsStream("/golden/snapshot-v1.bin")) {
      v1 = in.readAllBytes();
    }
    var e =
        assertThrows(CodecException.class, () -> SnapshotCodec.read(new ByteArrayInputStream(v1)));
    assertTrue(e.getMessage().contains("unsupported version 1"), e.getMessage());
  }

  @Test
  void aFlippedBitFailsTheChecksum() throws IOException {
    byte[] bytes = encode(CONTENTS);
    // Inside a HELP text, where the structure still parses: only the checksum can notice.
    int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("Jobs done");
    bytes[at] ^= 0x01;
    var e =
        assertThrows(
            CodecException.class, () -> SnapshotCodec.read(new ByteArrayInputStream(bytes)));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void everyTruncationIsAClearError() throws IOException {
    byte[] bytes = encode(CONTENTS);
    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      var e =
          assertThrows(
              CodecException.class,
              () -> SnapshotCodec.read(new ByteArrayInputStream(cut)),
              "length " + n);
      assertTrue(
          e.getMessage().startsWith("truncated snapshot")
              || e.getMessage().contains("corrupt snapshot"),
          e.getMessage());
    }
  }

  @Test
  void otherFilesAreRejectedByMagic() {
    var e =
        assertThrows(
            CodecException.class,
            () -> SnapshotCodec.read(new ByteArrayInputStream("hello world".getBytes())));
    assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
  }
}
