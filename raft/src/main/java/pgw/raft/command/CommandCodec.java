package pgw.raft.command;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import pgw.api.PushMode;
import pgw.api.store.PushResult;
import pgw.raft.codec.CodecException;
import pgw.raft.codec.ModelCodec;
import pgw.raft.codec.WireReader;
import pgw.raft.codec.WireWriter;

/**
 * The only class that knows the bytes of a command and of its result.
 *
 * <p>Layout: magic {@code 'P'}, format version, tag, stamped time, then the tag's fields. A replica
 * that meets a version it does not know fails loudly instead of guessing, so a mixed-version
 * cluster cannot silently diverge.
 *
 * <p>A Raft log entry holds a batch: magic, version, tag {@code BATCH}, a count, then each command
 * length-prefixed in the layout above. Its result is the list of the commands' results, in order.
 */
public final class CommandCodec {
  static final int MAGIC = 'P';
  static final int VERSION = 2;
  private static final int PUSH = 1;
  private static final int DELETE = 2;
  private static final int WIPE = 3;
  private static final int BATCH = 4;
  private static final int ACCEPTED = 0;
  private static final int REJECTED = 1;
  private static final int RESULTS = 2;
  private static final PushMode[] MODES = PushMode.values();

  private CommandCodec() {}

  public static byte[] encode(Command command) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    WireWriter w = new WireWriter(bytes);
    try {
      w.writeByte(MAGIC);
      w.writeByte(VERSION);
      switch (command) {
        case Command.Push p -> {
          w.writeByte(PUSH);
          w.writeLong(p.timeNanos());
          ModelCodec.writeKey(w, p.key());
          w.writeByte(p.mode().ordinal());
          ModelCodec.writeFamilies(w, p.families());
        }
        case Command.Delete d -> {
          w.writeByte(DELETE);
          w.writeLong(d.timeNanos());
          ModelCodec.writeKey(w, d.key());
        }
        case Command.Wipe wipe -> {
          w.writeByte(WIPE);
          w.writeLong(wipe.timeNanos());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  public static Command decode(byte[] bytes) throws CodecException {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    WireReader r = new WireReader(in, "command");
    try {
      readHeader(r);
      int tag = r.readByte();
      long time = r.readLong();
      Command command =
          switch (tag) {
            case PUSH -> {
              var key = ModelCodec.readKey(r);
              int mode = r.readByte();
              if (mode >= MODES.length) {
                throw r.corrupt("unknown push mode " + mode);
              }
              yield new Command.Push(key, MODES[mode], ModelCodec.readFamilies(r), time);
            }
            case DELETE -> new Command.Delete(ModelCodec.readKey(r), time);
            case WIPE -> new Command.Wipe(time);
            default -> throw r.corrupt("unknown command tag " + tag);
          };
      if (in.available() > 0) {
        throw r.corrupt(in.available() + " bytes after the end");
      }
      return command;
    } catch (CodecException e) {
      throw e;
    } catch (IOException e) {
      throw r.corrupt(e.getMessage());
    }
  }

  /** One log entry's bytes: the given commands, each already {@link #encode encoded}. */
  public static byte[] encodeBatch(List<byte[]> commands) {
    int size = 16;
    for (byte[] c : commands) {
      size += c.length + 5;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
    WireWriter w = new WireWriter(bytes);
    try {
      w.writeByte(MAGIC);
      w.writeByte(VERSION);
      w.writeByte(BATCH);
      w.writeVarint(commands.size());
      for (byte[] c : commands) {
        w.writeVarint(c.length);
        w.writeBytes(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static List<Command> decodeBatch(byte[] bytes) throws CodecException {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    WireReader r = new WireReader(in, "log entry");
    try {
      readHeader(r);
      int tag = r.readByte();
      if (tag != BATCH) {
        throw r.corrupt("expected a batch, found tag " + tag);
      }
      int count = r.readCount(bytes.length);
      List<Command> commands = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        commands.add(decode(r.readBytes(r.readCount(bytes.length))));
      }
      if (in.available() > 0) {
        throw r.corrupt(in.available() + " bytes after the end");
      }
      return commands;
    } catch (CodecException e) {
      throw e;
    } catch (IOException e) {
      throw r.corrupt(e.getMessage());
    }
  }

  /** The answer to a read barrier (a batch of no commands): the index of its log entry. */
  public static byte[] encodeBarrierIndex(long index) {
    return ByteBuffer.allocate(Long.BYTES).putLong(index).array();
  }

  public static long decodeBarrierIndex(byte[] reply) throws CodecException {
    if (reply.length != Long.BYTES) {
      throw new CodecException("read barrier answer of " + reply.length + " bytes, expected 8");
    }
    return ByteBuffer.wrap(reply).getLong();
  }

  public static byte[] encodeResults(List<PushResult> results) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 4 * results.size());
    WireWriter w = new WireWriter(bytes);
    try {
      w.writeByte(MAGIC);
      w.writeByte(VERSION);
      w.writeByte(RESULTS);
      w.writeVarint(results.size());
      for (PushResult result : results) {
        writeResult(w, result);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static List<PushResult> decodeResults(byte[] bytes) throws CodecException {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    WireReader r = new WireReader(in, "batch result");
    try {
      readHeader(r);
      int tag = r.readByte();
      if (tag != RESULTS) {
        throw r.corrupt("expected results, found tag " + tag);
      }
      int count = r.readCount(bytes.length);
      List<PushResult> results = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        results.add(readResult(r));
      }
      return results;
    } catch (CodecException e) {
      throw e;
    } catch (IOException e) {
      throw r.corrupt(e.getMessage());
    }
  }

  public static byte[] encodeResult(PushResult result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    WireWriter w = new WireWriter(bytes);
    try {
      w.writeByte(MAGIC);
      w.writeByte(VERSION);
      writeResult(w, result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static PushResult decodeResult(byte[] bytes) throws CodecException {
    WireReader r = new WireReader(new ByteArrayInputStream(bytes), "command result");
    try {
      readHeader(r);
      return readResult(r);
    } catch (CodecException e) {
      throw e;
    } catch (IOException e) {
      throw r.corrupt(e.getMessage());
    }
  }

  private static void writeResult(WireWriter w, PushResult result) throws IOException {
    switch (result) {
      case PushResult.Accepted a -> w.writeByte(ACCEPTED);
      case PushResult.Rejected rejected -> {
        w.writeByte(REJECTED);
        w.writeString(rejected.reason());
      }
    }
  }

  private static PushResult readResult(WireReader r) throws IOException {
    int tag = r.readByte();
    return switch (tag) {
      case ACCEPTED -> PushResult.ACCEPTED;
      case REJECTED -> new PushResult.Rejected(r.readString());
      default -> throw r.corrupt("unknown result tag " + tag);
    };
  }

  private static void readHeader(WireReader r) throws IOException {
    int magic = r.readByte();
    if (magic != MAGIC) {
      throw r.corrupt("bad magic byte " + magic);
    }
    int version = r.readByte();
    if (version != VERSION) {
      throw r.corrupt("unsupported version " + version + " (this node reads " + VERSION + ")");
    }
  }
}
