package pgw.node;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What upstream reports about its build, filled with this node's equivalents: the Java runtime
 * stands where upstream names the Go version, OS and architecture.
 */
final class BuildInfo {
  private BuildInfo() {}

  static String version() {
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  /** {@code build_information} of {@code /api/v1/status}. */
  static Map<String, String> apiFields() {
    Map<String, String> m = new TreeMap<>();
    m.put("branch", "");
    m.put("buildDate", "");
    m.put("buildUser", "");
    m.put("goVersion", runtime());
    m.put("revision", "");
    m.put("version", version());
    return m;
  }

  /** The labels of {@code pushgateway_build_info}. */
  static Map<String, String> metricLabels() {
    Map<String, String> m = new TreeMap<>();
    m.put("branch", "");
    m.put("goarch", System.getProperty("os.arch", "").toLowerCase(Locale.ROOT));
    m.put("goos", System.getProperty("os.name", "").toLowerCase(Locale.ROOT));
    m.put("goversion", runtime());
    m.put("revision", "");
    m.put("version", version());
    return m;
  }

  private static String runtime() {
    return "java" + Runtime.version();
  }
}
