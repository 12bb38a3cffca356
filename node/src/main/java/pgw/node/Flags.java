package pgw.node;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pgw.api.gateway.ReadConsistency;
import pgw.raft.RaftSettings;

/**
 * The node's flags, the only place configuration keys are read. Upstream Pushgateway names are kept
 * where upstream has the flag. Every flag may also come from the environment: {@code --raft.peers}
 * is {@code PGW_RAFT_PEERS}; a flag on the command line wins.
 */
final class Flags {
  /** Flag name → (default, help). Order is the order of {@code --help}. */
  private static final Map<String, String[]> FLAGS = new LinkedHashMap<>();

  static {
    flag("web.listen-address", ":9091", "HTTP address to listen on, [host]:port");
    flag("node.id", "node1", "this node's id in the Raft group");
    flag("raft.address", "127.0.0.1:19091", "host:port of this node's Raft (gRPC) server");
    flag("raft.peers", "", "every member as id=host:port,...; empty: this node alone");
    flag("data.dir", "data", "directory for the Raft log and snapshots");
    flag("raft.snapshot-interval", "10000", "applied entries between snapshots");
    flag("raft.election-timeout-min", "1s", "lower bound of the election timeout");
    flag("raft.election-timeout-max", "2s", "upper bound of the election timeout");
    flag("read.consistency", "linearizable", "linearizable, or local (may serve stale data)");
    flag("request.timeout", "10s", "longest a write or a linearizable read may take");
    flag("web.max-body-size", "16777216", "largest request body in bytes, after decompression");
    flag("web.telemetry-path", "/metrics", "path under which to expose the pushed metrics");
    flag(
        "web.external-url",
        "",
        "URL under which the gateway is reachable (its path prefixes routes)");
    flag(
        "web.route-prefix",
        "",
        "prefix of every route; defaults to the path of --web.external-url");
    flag("web.enable-lifecycle", "false", "enable PUT/POST /-/quit (a clean shutdown)");
    flag("web.enable-admin-api", "false", "enable PUT /api/v1/admin/wipe");
    flag("push.disable-consistency-check", "false", "answer 202 instead of 200 to pushes");
    flag("log.level", "info", "debug, info, warn or error");
    flag("log.format", "logfmt", "accepted for compatibility; logs are java.util.logging lines");
    flag("web.config.file", "", "not supported: TLS and basic auth belong to a proxy in front");
    flag("web.systemd-socket", "false", "not supported: systemd socket activation");
    flag("push.enable-utf8-names", "false", "not supported: UTF-8 metric and label names");
    flag("persistence.file", "", "not supported: the Raft log and snapshots persist data");
    flag("persistence.interval", "", "not supported: the Raft log and snapshots persist data");
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Flags() {}

  private static void flag(String name, String defaultValue, String help) {
    FLAGS.put(name, new String[] {defaultValue, help});
  }

  static String usage() {
    StringBuilder sb = new StringBuilder("usage: pgw-node [flags]\n");
    FLAGS.forEach(
        (name, d) ->
            sb.append(
                String.format(
                    "  --%-32s %s (default \"%s\", env %s)%n", name, d[1], d[0], env(name))));
    return sb.toString();
  }

  static String env(String flag) {
    return "PGW_" + flag.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_");
  }

  /** Parses and validates; throws {@link ConfigException} with one line saying what is wrong. */
  static NodeConfig parse(String[] args, Map<String, String> environment) {
    Map<String, String> values = new LinkedHashMap<>();
    FLAGS.forEach((name, d) -> values.put(name, environment.getOrDefault(env(name), d[0])));
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new ConfigException("unexpected argument \"" + arg + "\"");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!FLAGS.containsKey(name)
          && name.startsWith("no-")
          && FLAGS.containsKey(name.substring(3))) {
        values.put(name.substring(3), "false");
        continue;
      }
      if (!FLAGS.containsKey(name)) {
        throw new ConfigException("unknown flag --" + name + " (see --help)");
      }
      boolean bool = FLAGS.get(name)[0].equals("false");
      if (value == null) {
        value = bool ? "true" : (i + 1 < args.length ? args[++i] : null);
      }
      if (value == null) {
        throw new ConfigException("flag --" + name + " needs a value");
      }
      values.put(name, value);
    }
    return build(values);
  }

  private static NodeConfig build(Map<String, String> v) {
    for (String unsupported :
        List.of("web.config.file", "web.systemd-socket", "push.enable-utf8-names")) {
      String value = v.get(unsupported);
      if (!value.isEmpty() && !value.equals("false")) {
        throw new ConfigException("--" + unsupported + " is not supported by this gateway");
      }
    }
    oneOf(v, "log.level", List.of("debug", "info", "warn", "error"));
    oneOf(v, "log.format", List.of("logfmt", "json"));
    for (String unsupported : List.of("persistence.file", "persistence.interval")) {
      if (!v.get(unsupported).isEmpty()) {
        throw new ConfigException(
            "--"
                + unsupported
                + " is not supported: every write is kept in the Raft log and in"
                + " snapshots under --data.dir");
      }
    }
    String listen = v.get("web.listen-address");
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new ConfigException("--web.listen-address \"" + listen + "\" is not [host]:port");
    }
    String id = v.get("node.id");
    List<RaftSettings.Peer> peers;
    Path dataDir = Path.of(v.get("data.dir"));
    RaftSettings raft;
    try {
      peers =
          v.get("raft.peers").isBlank()
              ? List.of(new RaftSettings.Peer(id, v.get("raft.address")))
              : RaftSettings.parsePeers(v.get("raft.peers"));
      raft =
          NodeConfig.raftSettings(
              id,
              peers,
              dataDir,
              positiveLong(v, "raft.snapshot-interval"),
              duration(v, "raft.election-timeout-min"),
              duration(v, "raft.election-timeout-max"),
              duration(v, "request.timeout"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    checkWritable(dataDir);
    String telemetryPath = v.get("web.telemetry-path");
    if (!telemetryPath.startsWith("/")) {
      throw new ConfigException("--web.telemetry-path must start with /");
    }
    Map<String, String> shown = new LinkedHashMap<>(v);
    for (String name :
        List.of("raft.election-timeout-min", "raft.election-timeout-max", "request.timeout")) {
      shown.put(name, goDuration(duration(v, name)));
    }
    return new NodeConfig(
        listen.substring(0, colon),
        port(listen.substring(colon + 1)),
        raft,
        readConsistency(v.get("read.consistency")),
        bool(v, "push.disable-consistency-check"),
        bool(v, "web.enable-admin-api"),
        positiveLong(v, "web.max-body-size"),
        routePrefix(v.get("web.route-prefix"), v.get("web.external-url")),
        telemetryPath.equals("/") ? "/" : telemetryPath.replaceAll("/+$", ""),
        bool(v, "web.enable-lifecycle"),
        shown);
  }

  /**
   * Upstream: the flag, else the path of the external URL; {@code /} means none; otherwise one
   * leading slash and no trailing one.
   */
  static String routePrefix(String flag, String externalUrl) {
    String prefix = flag;
    if (prefix.isEmpty() && !externalUrl.isEmpty()) {
      try {
        URI uri = new URI(externalUrl);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new URISyntaxException(externalUrl, "not an absolute http(s) URL");
        }
        prefix = uri.getPath() == null ? "" : uri.getPath();
      } catch (URISyntaxException e) {
        throw new ConfigException("--web.external-url: " + e.getMessage());
      }
    }
    if (prefix.isEmpty() || prefix.equals("/")) {
      return "";
    }
    if (!prefix.startsWith("/")) {
      prefix = "/" + prefix;
    }
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  /** Go's {@code time.Duration.String()} for whole milliseconds: {@code 1m0s}, {@code 500ms}. */
  static String goDuration(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms < 1000) {
      return ms + "ms";
    }
    StringBuilder sb = new StringBuilder();
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      sb.append(m).append('m');
    }
    long s = ms / 1000 % 60;
    long frac = ms % 1000;
    sb.append(s);
    if (frac > 0) {
      sb.append('.').append(String.format("%03d", frac).replaceAll("0+$", ""));
    }
    return sb.append('s').toString();
  }

  private static void oneOf(Map<String, String> v, String name, List<String> allowed) {
    if (!allowed.contains(v.get(name))) {
      throw new ConfigException("--" + name + " must be one of " + String.join(", ", allowed));
    }
  }

  private static void checkWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".write-check", ""));
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          "data directory " + dir.toAbsolutePath() + " is not writable: " + e);
    }
  }

  private static ReadConsistency readConsistency(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "linearizable" -> ReadConsistency.LINEARIZABLE;
      case "local" -> ReadConsistency.LOCAL;
      default ->
          throw new ConfigException(
              "--read.consistency must be linearizable or local, not " + value);
    };
  }

  private static int port(String s) {
    try {
      int port = Integer.parseInt(s);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("\"" + s + "\" is not a port");
  }

  private static boolean bool(Map<String, String> v, String name) {
    return switch (v.get(name)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException("--" + name + " must be true or false");
    };
  }

  private static long positiveLong(Map<String, String> v, String name) {
    try {
      long n = Long.parseLong(v.get(name));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("--" + name + " must be a positive whole number");
  }

  /** Go-style durations as upstream prints them: {@code 500ms}, {@code 10s}, {@code 1m30s}. */
  static Duration duration(Map<String, String> v, String name) {
    String s = v.get(name);
    Matcher m = DURATION.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw new ConfigException("--" + name + " \"" + s + "\" is not a duration like 500ms or 10s");
    }
    return total;
  }
}
