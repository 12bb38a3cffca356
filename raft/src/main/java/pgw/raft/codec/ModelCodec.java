package pgw.raft.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import pgw.api.DataPoint;
import pgw.api.Extras;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;
import pgw.api.protobuf.PointExtras;

/**
 * The binary form of the api model, shared by commands and snapshots. Deterministic: equal values
 * encode to equal bytes, because every collection in the model is already in a defined order.
 *
 * <p>Each point ends with its {@link Extras} (length-prefixed, empty for text pushes), which are
 * canonical protobuf bytes; a reader checks them with {@link PointExtras#fromReplicated}, so
 * corrupt or foreign bytes fail the decoding instead of reaching the store.
 */
public final class ModelCodec {
  private static final int MAX_COUNT = 1 << 28;
  private static final MetricType[] TYPES = MetricType.values();
  private static final int SCALAR = 1;
  private static final int SUMMARY = 2;
  private static final int HISTOGRAM = 3;

  private ModelCodec() {}

  public static void writeLabels(WireWriter w, Labels labels) throws IOException {
    w.writeVarint(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      w.writeString(labels.name(i));
      w.writeString(labels.value(i));
    }
  }

  public static Labels readLabels(WireReader r) throws IOException {
    int n = r.readCount(MAX_COUNT);
    String[] pairs = new String[2 * n];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] = r.readString();
    }
    return Labels.of(pairs);
  }

  public static void writeKey(WireWriter w, GroupingKey key) throws IOException {
    writeLabels(w, key.labels());
  }

  public static GroupingKey readKey(WireReader r) throws IOException {
    try {
      return new GroupingKey(readLabels(r));
    } catch (IllegalArgumentException e) {
      throw r.corrupt("grouping key: " + e.getMessage());
    }
  }

  public static void writeFamilies(WireWriter w, List<MetricFamily> families) throws IOException {
    w.writeVarint(families.size());
    for (MetricFamily f : families) {
      writeFamily(w, f);
    }
  }

  public static List<MetricFamily> readFamilies(WireReader r) throws IOException {
    int n = r.readCount(MAX_COUNT);
    List<MetricFamily> families = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      families.add(readFamily(r));
    }
    return families;
  }

  public static void writeFamily(WireWriter w, MetricFamily f) throws IOException {
    w.writeString(f.name());
    w.writeByte(f.type().ordinal());
    w.writeString(f.help());
    w.writeVarint(f.points().size());
    for (DataPoint p : f.points()) {
      writePoint(w, p);
    }
  }

  public static MetricFamily readFamily(WireReader r) throws IOException {
    String name = r.readString();
    int type = r.readByte();
    if (type >= TYPES.length) {
      throw r.corrupt("unknown metric type " + type);
    }
    String help = r.readString();
    int n = r.readCount(MAX_COUNT);
    List<DataPoint> points = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      points.add(readPoint(r));
    }
    return new MetricFamily(name, TYPES[type], help, points);
  }

  private static void writePoint(WireWriter w, DataPoint point) throws IOException {
    switch (point) {
      case DataPoint.Scalar s -> {
        w.writeByte(SCALAR);
        writeLabels(w, s.labels());
        w.writeLong(s.timestampMs());
        w.writeDouble(s.value());
      }
      case DataPoint.Summary s -> {
        w.writeByte(SUMMARY);
        writeLabels(w, s.labels());
        w.writeLong(s.timestampMs());
        w.writeLong(s.count());
        w.writeDouble(s.sum());
        w.writeVarint(s.quantiles().size());
        for (DataPoint.Quantile q : s.quantiles()) {
          w.writeDouble(q.quantile());
          w.writeDouble(q.value());
        }
      }
      case DataPoint.Histogram h -> {
        w.writeByte(HISTOGRAM);
        writeLabels(w, h.labels());
        w.writeLong(h.timestampMs());
        w.writeLong(h.count());
        w.writeDouble(h.sum());
        w.writeVarint(h.buckets().size());
        for (DataPoint.Bucket b : h.buckets()) {
          w.writeDouble(b.upperBound());
          w.writeLong(b.cumulativeCount());
        }
      }
    }
    w.writeVarint(point.extras().size());
    w.writeBytes(point.extras().toByteArray());
  }

  private static DataPoint readPoint(WireReader r) throws IOException {
    DataPoint point = readValues(r);
    byte[] extras = r.readBytes(r.readCount(MAX_COUNT));
    if (extras.length == 0) {
      return point;
    }
    Extras checked;
    try {
      checked = PointExtras.fromReplicated(point, extras);
    } catch (IllegalArgumentException e) {
      throw r.corrupt(e.getMessage());
    }
    return switch (point) {
      case DataPoint.Scalar s ->
          new DataPoint.Scalar(s.labels(), s.value(), s.timestampMs(), checked);
      case DataPoint.Summary s ->
          new DataPoint.Summary(
              s.labels(), s.count(), s.sum(), s.quantiles(), s.timestampMs(), checked);
      case DataPoint.Histogram h ->
          new DataPoint.Histogram(
              h.labels(), h.count(), h.sum(), h.buckets(), h.timestampMs(), checked);
    };
  }

  private static DataPoint readValues(WireReader r) throws IOException {
    int kind = r.readByte();
    Labels labels = readLabels(r);
    long timestamp = r.readLong();
    return switch (kind) {
      case SCALAR -> new DataPoint.Scalar(labels, r.readDouble(), timestamp);
      case SUMMARY -> {
        long count = r.readLong();
        double sum = r.readDouble();
        int n = r.readCount(MAX_COUNT);
        List<DataPoint.Quantile> quantiles = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
          quantiles.add(new DataPoint.Quantile(r.readDouble(), r.readDouble()));
        }
        yield new DataPoint.Summary(labels, count, sum, quantiles, timestamp);
      }
      case HISTOGRAM -> {
        long count = r.readLong();
        double sum = r.readDouble();
        int n = r.readCount(MAX_COUNT);
        List<DataPoint.Bucket> buckets = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
          buckets.add(new DataPoint.Bucket(r.readDouble(), r.readLong()));
        }
        yield new DataPoint.Histogram(labels, count, sum, buckets, timestamp);
      }
      default -> throw r.corrupt("unknown data point kind " + kind);
    };
  }
}
