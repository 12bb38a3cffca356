package pgw.api;

import java.util.List;
import java.util.Objects;

/**
 * A named metric family as pushed: its type, its HELP text ({@code ""} when there is none) and its
 * data points in the order they were pushed.
 *
 * <p>The record holds what was pushed, not what is valid to store: the store's consistency check
 * decides that, so that a rejected push can be answered with the Pushgateway's own message.
 */
public record MetricFamily(String name, MetricType type, String help, List<DataPoint> points) {
  public MetricFamily {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    help = help == null ? "" : help;
    points = List.copyOf(points);
  }

  public MetricFamily withPoints(List<DataPoint> points) {
    return new MetricFamily(name, type, help, points);
  }
}
