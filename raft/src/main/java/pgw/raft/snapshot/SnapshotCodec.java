package pgw.raft.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import pgw.api.store.Group;
import pgw.api.store.StoredFamily;
import pgw.raft.codec.CodecException;
import pgw.raft.codec.ModelCodec;
import pgw.raft.codec.WireReader;
import pgw.raft.codec.WireWriter;

/**
 * The snapshot file format: magic {@code PGWS}, version, the Raft term and index it was taken at,
 * the groups in canonical order, and a CRC32C of everything before it. Streamed both ways, so a
 * large store is never held twice in memory.
 */
public final class SnapshotCodec {
  static final byte[] MAGIC = {'P', 'G', 'W', 'S'};
  static final int VERSION = 2;
  private static final int MAX_GROUPS = 1 << 28;

  /** What a snapshot file holds. */
  public record Contents(long term, long index, List<Group> groups) {}

  private SnapshotCodec() {}

  public static void write(Contents contents, OutputStream out) throws IOException {
    CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32C());
    BufferedOutputStream buffered = new BufferedOutputStream(checked, 1 << 16);
    WireWriter w = new WireWriter(buffered);
    w.writeBytes(MAGIC);
    w.writeByte(VERSION);
    w.writeLong(contents.term());
    w.writeLong(contents.index());
    w.writeVarint(contents.groups().size());
    for (Group group : contents.groups()) {
      ModelCodec.writeKey(w, group.key());
      w.writeVarint(group.families().size());
      for (StoredFamily f : group.families()) {
        w.writeLong(f.pushTimeNanos());
        ModelCodec.writeFamily(w, f.family());
      }
    }
    buffered.flush();
    new WireWriter(out).writeLong(checked.getChecksum().getValue());
    out.flush();
  }

  public static Contents read(InputStream in) throws IOException {
    CheckedInputStream checked =
        new CheckedInputStream(new BufferedInputStream(in, 1 << 16), new CRC32C());
    WireReader r = new WireReader(checked, "snapshot");
    for (byte b : MAGIC) {
      if (r.readByte() != b) {
        throw r.corrupt("not a snapshot file (bad magic)");
      }
    }
    int version = r.readByte();
    if (version != VERSION) {
      throw r.corrupt("unsupported version " + version + " (this node reads " + VERSION + ")");
    }
    long term = r.readLong();
    long index = r.readLong();
    int groupCount = r.readCount(MAX_GROUPS);
    List<Group> groups = new ArrayList<>(Math.min(groupCount, 1 << 16));
    for (int g = 0; g < groupCount; g++) {
      var key = ModelCodec.readKey(r);
      int familyCount = r.readCount(MAX_GROUPS);
      List<StoredFamily> families = new ArrayList<>(familyCount);
      for (int f = 0; f < familyCount; f++) {
        long time = r.readLong();
        families.add(new StoredFamily(ModelCodec.readFamily(r), time));
      }
      groups.add(new Group(key, families));
    }
    long expected = checked.getChecksum().getValue();
    long actual = new WireReader(checked, "snapshot").readLong();
    if (actual != expected) {
      throw new CodecException("corrupt snapshot: checksum mismatch");
    }
    if (checked.read() != -1) {
      throw new CodecException("corrupt snapshot: bytes after the checksum");
    }
    return new Contents(term, index, groups);
  }
}
