package pgw.raft.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import pgw.api.DataPoint;
import pgw.api.Extras;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;
import pgw.api.PushMode;
import pgw.api.store.PushResult;
import pgw.raft.Samples;
import pgw.raft.codec.CodecException;

public class CommandCodecTest {
  private static final long T = 1_700_000_000_123_456_789L;

  public static List<Command> commands() {
    return List.of(
        new Command.Push(Samples.KEY, PushMode.REPLACE_GROUP, Samples.families(), T),
        new Command.Push(GroupingKey.of("j"), PushMode.REPLACE_SAME_NAMES, List.of(), T),
        new Command.Delete(Samples.KEY, T),
        new Command.Wipe(T));
  }

  @Test
  void everyCommandRoundTrips() throws CodecException {
    for (Command c : commands()) {
      assertEquals(c, CommandCodec.decode(CommandCodec.encode(c)), c.toString());
    }
  }

  @Test
  void encodingIsDeterministic() {
    for (Command c : commands()) {
      assertArrayEquals(CommandCodec.encode(c), CommandCodec.encode(c));
    }
  }

  public static final String GOLDEN = "push-command-v" + CommandCodec.VERSION + ".bin";

  public static byte[] goldenBytes() {
    return CommandCodec.encode(commands().get(0));
  }

  @Test
  void pushMatchesTheGoldenFileOfThisVersion() throws IOException {
    byte[] golden;
    try (InputStream in = getClass().getResourceAsStream("/golden/" + GOLDEN)) {
      golden = in.readAllBytes();
    }
    Command push = commands().get(0);
    assertArrayEquals(
        golden, CommandCodec.encode(push), "the command format changed: bump VERSION");
    assertEquals(push, CommandCodec.decode(golden));
  }

  @Test
  void theGoldenPushCarriesProtobufOnlyFields() throws CodecException {
    Command.Push push = (Command.Push) CommandCodec.decode(goldenBytes());
    List<DataPoint> withExtras =
        push.families().stream()
            .flatMap(f -> f.points().stream())
            .filter(p -> !p.extras().isEmpty())
            .toList();
    assertEquals(3, withExtras.size(), withExtras.toString());
    assertTrue(withExtras.stream().anyMatch(p -> p instanceof DataPoint.Histogram));
    assertTrue(withExtras.stream().anyMatch(p -> p instanceof DataPoint.Scalar));
  }

  @Test
  void aFileOfTheFormerVersionIsRefusedByName() throws IOException {
    byte[] v1;
    try (InputStream in = getClass().getResourceAsStream("/golden/push-command-v1.bin")) {
      v1 = in.readAllBytes();
    }
    var e = assertThrows(CodecException.class, () -> CommandCodec.decode(v1));
    assertTrue(e.getMessage().contains("unsupported version 1"), e.getMessage());
  }

  @Test
  void corruptOrForeignExtrasAreRejected() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, 0x01};
    // Decodable, but a residue this codec never writes: labels and a sample timestamp.
    byte[] foreign =
        Metrics.Metric.newBuilder()
            .addLabel(Metrics.LabelPair.newBuilder().setName("a").setValue("b"))
            .setTimestampMs(5)
            .build()
            .toByteArray();
    for (byte[] extras : List.of(garbage, foreign)) {
      DataPoint point =
          new DataPoint.Scalar(Labels.EMPTY, 1, DataPoint.NO_TIMESTAMP, Extras.ofBytes(extras));
      var push =
          new Command.Push(
              GroupingKey.of("j"),
              PushMode.REPLACE_GROUP,
              List.of(new MetricFamily("c", MetricType.COUNTER, "", List.of(point))),
              T);
      byte[] bytes = CommandCodec.encode(push);
      var e = assertThrows(CodecException.class, () -> CommandCodec.decode(bytes));
      assertTrue(e.getMessage().startsWith("corrupt command: extras"), e.getMessage());
    }
  }

  @Test
  void everyTruncationIsAClearError() {
    byte[] bytes = CommandCodec.encode(commands().get(0));
    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      var e = assertThrows(CodecException.class, () -> CommandCodec.decode(cut), "length " + n);
      assertTrue(e.getMessage().contains("command"), e.getMessage());
    }
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] bytes = CommandCodec.encode(new Command.Wipe(T));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(CodecException.class, () -> CommandCodec.decode(longer));
  }

  @Test
  void anUnknownVersionIsRejectedByName() {
    byte[] bytes = CommandCodec.encode(new Command.Wipe(T));
    bytes[1] = 9;
    var e = assertThrows(CodecException.class, () -> CommandCodec.decode(bytes));
    assertTrue(e.getMessage().contains("unsupported version 9"), e.getMessage());
  }

  @Test
  void corruptBytesNeverEscapeAsAnythingButACodecException() {
    byte[] bytes = CommandCodec.encode(commands().get(0));
    var random = new java.util.Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] mutated = bytes.clone();
      mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      try {
        CommandCodec.decode(mutated);
      } catch (CodecException expected) {
        // fine: corrupt input is reported
      }
    }
  }

  @Test
  void resultsRoundTrip() throws CodecException {
    for (PushResult r : List.of(PushResult.ACCEPTED, new PushResult.Rejected("bad \"x\""))) {
      assertEquals(r, CommandCodec.decodeResult(CommandCodec.encodeResult(r)));
    }
  }

  @Test
  void aBatchRoundTripsInOrderWithItsResults() throws CodecException {
    List<Command> commands = commands();
    byte[] entry = CommandCodec.encodeBatch(commands.stream().map(CommandCodec::encode).toList());
    assertEquals(commands, CommandCodec.decodeBatch(entry));
    List<PushResult> results = List.of(PushResult.ACCEPTED, new PushResult.Rejected("no"));
    assertEquals(results, CommandCodec.decodeResults(CommandCodec.encodeResults(results)));
  }

  @Test
  void aTruncatedOrMislabelledBatchIsAClearError() {
    byte[] entry = CommandCodec.encodeBatch(commands().stream().map(CommandCodec::encode).toList());
    for (int n = 0; n < entry.length; n++) {
      byte[] cut = Arrays.copyOf(entry, n);
      assertThrows(CodecException.class, () -> CommandCodec.decodeBatch(cut), "length " + n);
    }
    byte[] single = CommandCodec.encode(new Command.Wipe(T));
    var e = assertThrows(CodecException.class, () -> CommandCodec.decodeBatch(single));
    assertTrue(e.getMessage().contains("expected a batch"), e.getMessage());
  }

  @Test
  void barrierIndexRoundTripsAndAWrongLengthIsCorrupt() throws CodecException {
    assertEquals(
        1L << 40, CommandCodec.decodeBarrierIndex(CommandCodec.encodeBarrierIndex(1L << 40)));
    assertThrows(CodecException.class, () -> CommandCodec.decodeBarrierIndex(new byte[7]));
  }
}
