package pgw.api.store;

import java.util.List;
import pgw.api.DataPoint;
import pgw.api.GroupingKey;
import pgw.api.Labels;
import pgw.api.MetricFamily;
import pgw.api.MetricType;

/**
 * The gateway's own per-group families {@code push_time_seconds} and {@code
 * push_failure_time_seconds} (Pushgateway §5).
 */
final class TimestampFamilies {
  static final String PUSH_TIME = "push_time_seconds";
  static final String PUSH_FAILURE_TIME = "push_failure_time_seconds";
  static final String PUSH_TIME_HELP =
      "Last Unix time when changing this group in the Pushgateway succeeded.";
  static final String PUSH_FAILURE_TIME_HELP =
      "Last Unix time when changing this group in the Pushgateway failed.";
  static final String INSTANCE = "instance";

  private TimestampFamilies() {}

  /** Decision D5: these names belong to the gateway, whatever a push says. */
  static boolean isTimestampFamily(String name) {
    return PUSH_TIME.equals(name) || PUSH_FAILURE_TIME.equals(name);
  }

  /** The grouping labels plus {@code instance=""} when the key has no instance. */
  static Labels labels(GroupingKey key) {
    Labels labels = key.labels();
    return labels.contains(INSTANCE) ? labels : labels.with(INSTANCE, "");
  }

  /** Unix seconds as upstream computes them: {@code float64(UnixNano()) / 1e9}. */
  static double seconds(long timeNanos) {
    return timeNanos / 1e9;
  }

  static MetricFamily pushTime(GroupingKey key, double seconds) {
    return gauge(PUSH_TIME, PUSH_TIME_HELP, key, seconds);
  }

  static MetricFamily pushFailureTime(GroupingKey key, double seconds) {
    return gauge(PUSH_FAILURE_TIME, PUSH_FAILURE_TIME_HELP, key, seconds);
  }

  private static MetricFamily gauge(String name, String help, GroupingKey key, double seconds) {
    DataPoint point = new DataPoint.Scalar(labels(key), seconds);
    return new MetricFamily(name, MetricType.GAUGE, help, List.of(point));
  }
}
