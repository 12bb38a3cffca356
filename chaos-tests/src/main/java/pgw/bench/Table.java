package pgw.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Figures of both systems over several runs, printed as medians with their spread. */
final class Table {
  private final Map<String, List<double[]>> rows = new LinkedHashMap<>();

  void add(String what, double reference, double ours) {
    rows.computeIfAbsent(what, k -> new ArrayList<>()).add(new double[] {reference, ours});
  }

  String markdown() {
    StringBuilder sb =
        new StringBuilder(
            "| measure | reference (median, min–max) | ours (median, min–max) | ours ÷ reference |\n");
    sb.append("|---|---|---|---|\n");
    rows.forEach(
        (what, runs) -> {
          double[] ref = column(runs, 0);
          double[] our = column(runs, 1);
          double ratio = median(our) / median(ref);
          sb.append("| ").append(what).append(" | ").append(cell(ref)).append(" | ");
          sb.append(cell(our)).append(" | ").append(Double.isNaN(ratio) ? "" : fmt(ratio) + "×");
          sb.append(" |\n");
        });
    return sb.toString();
  }

  private static double[] column(List<double[]> runs, int i) {
    double[] values = runs.stream().mapToDouble(r -> r[i]).toArray();
    Arrays.sort(values);
    return values;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String cell(double[] sorted) {
    if (Double.isNaN(sorted[0])) {
      return "–";
    }
    String median = fmt(median(sorted));
    return sorted.length == 1
        ? median
        : median + " (" + fmt(sorted[0]) + "–" + fmt(sorted[sorted.length - 1]) + ")";
  }

  private static String fmt(double v) {
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 1 ? "%.2f" : "%.3g", v);
  }
}
