package pgw.api;

/** The metric types of the Prometheus exposition formats, named as in the protobuf schema. */
public enum MetricType {
  COUNTER,
  GAUGE,
  SUMMARY,
  UNTYPED,
  HISTOGRAM,
  GAUGE_HISTOGRAM;

  /** The word used on a text format {@code # TYPE} line (gauge histograms read as histograms). */
  public String textName() {
    return this == GAUGE_HISTOGRAM ? "histogram" : name().toLowerCase(java.util.Locale.ROOT);
  }
}
