package pgw.api.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import pgw.api.DataPoint;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.protobuf.PointExtras;

/**
 * Writes metric families as text format 0.0.4 the way prometheus/common's encoder does (spec §9.2):
 * names exactly as pushed, numbers as Go prints them, summaries and histograms expanded into their
 * {@code quantile}/{@code _bucket}, {@code _sum} and {@code _count} lines.
 *
 * <p>Families and points are written in the order given; sorting is the store's business.
 */
public final class TextWriter {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final String QUANTILE = "quantile";
  private static final String LE = "le";

  private final Writer w;

  private TextWriter(Writer w) {
    this.w = w;
  }

  /**
   * Streams {@code families} to {@code out} through a small buffer, flushing but not closing it.
   * Families without points are skipped, as upstream's gatherer drops them.
   */
  public static void write(Iterable<MetricFamily> families, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8192);
    TextWriter tw = new TextWriter(w);
    for (MetricFamily f : families) {
      tw.family(f);
    }
    w.flush();
  }

  private void family(MetricFamily f) throws IOException {
    if (f.points().isEmpty()) {
      return;
    }
    String name = f.name();
    if (!f.help().isEmpty()) {
      w.write("# HELP ");
      w.write(name);
      w.write(' ');
      escape(f.help(), false);
      w.write('\n');
    }
    w.write("# TYPE ");
    w.write(name);
    w.write(' ');
    w.write(f.type().textName());
    w.write('\n');
    for (DataPoint p : f.points()) {
      switch (p) {
        case DataPoint.Scalar s -> line(name, "", s.labels(), null, 0, s.value(), s);
        case DataPoint.Summary s -> summary(name, s);
        case DataPoint.Histogram h -> histogram(name, h);
      }
    }
  }

  private void summary(String name, DataPoint.Summary s) throws IOException {
    for (DataPoint.Quantile q : s.quantiles()) {
      line(name, "", s.labels(), QUANTILE, q.quantile(), q.value(), s);
    }
    line(name, "_sum", s.labels(), null, 0, s.sum(), s);
    line(name, "_count", s.labels(), null, 0, count(s.count()), s);
  }

  /**
   * A native histogram has no text form: it shows the classic buckets sent along (usually none),
   * the {@code +Inf} bucket, sum and count (§2.7). Float histograms show their float counts.
   */
  private void histogram(String name, DataPoint.Histogram h) throws IOException {
    PointExtras.Counts counts = PointExtras.counts(h);
    boolean infSeen = false;
    for (int i = 0; i < h.buckets().size(); i++) {
      DataPoint.Bucket b = h.buckets().get(i);
      line(name, "_bucket", h.labels(), LE, b.upperBound(), counts.buckets()[i], h);
      infSeen |= b.upperBound() == Double.POSITIVE_INFINITY;
    }
    if (!infSeen) {
      line(name, "_bucket", h.labels(), LE, Double.POSITIVE_INFINITY, counts.count(), h);
    }
    line(name, "_sum", h.labels(), null, 0, h.sum(), h);
    line(name, "_count", h.labels(), null, 0, counts.count(), h);
  }

  /** Counts are uint64 as in the protobuf schema, printed like any other value by Go. */
  private static double count(long uint64) {
    return TextNumbers.unsignedToDouble(uint64);
  }

  /** One sample line; {@code extraName} (quantile or le) goes after all stored labels. */
  private void line(
      String name,
      String suffix,
      Labels labels,
      String extraName,
      double extraValue,
      double value,
      DataPoint point)
      throws IOException {
    w.write(name);
    w.write(suffix);
    if (!labels.isEmpty() || extraName != null) {
      char separator = '{';
      for (int i = 0; i < labels.size(); i++) {
        w.write(separator);
        w.write(labels.name(i));
        w.write("=\"");
        escape(labels.value(i), true);
        w.write('"');
        separator = ',';
      }
      if (extraName != null) {
        w.write(separator);
        w.write(extraName);
        w.write("=\"");
        w.write(GoFloat.format(extraValue));
        w.write('"');
      }
      w.write('}');
    }
    w.write(' ');
    w.write(GoFloat.format(value));
    if (point.hasTimestamp()) {
      w.write(' ');
      w.write(Long.toString(point.timestampMs()));
    }
    w.write('\n');
  }

  /** Escapes backslash and newline, and the double quote inside label values. */
  private void escape(String s, boolean quote) throws IOException {
    int done = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String replacement =
          c == '\\' ? "\\\\" : c == '\n' ? "\\n" : quote && c == '"' ? "\\\"" : null;
      if (replacement != null) {
        w.write(s, done, i - done);
        w.write(replacement);
        done = i + 1;
      }
    }
    w.write(s, done, s.length() - done);
  }
}
