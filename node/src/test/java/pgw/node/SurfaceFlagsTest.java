package pgw.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's web flags (Pushgateway §1.7, §8) as this node reads them. */
class SurfaceFlagsTest {
  @TempDir Path dir;

  private NodeConfig parse(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--data.dir=" + dir;
    System.arraycopy(args, 0, all, 1, args.length);
    return Flags.parse(all, Map.of());
  }

  @Test
  void theRoutePrefixComesFromTheFlagOrElseTheExternalUrlsPath() {
    assertEquals("", parse().routePrefix());
    assertEquals("/foo", parse("--web.external-url=http://example.com/foo/").routePrefix());
    assertEquals("/a/b", parse("--web.external-url=https://example.com:8443/a/b").routePrefix());
    assertEquals(
        "",
        parse("--web.external-url=http://example.com/foo/", "--web.route-prefix=/").routePrefix());
    assertEquals("/bar", parse("--web.route-prefix=bar/").routePrefix());
    assertEquals("", parse("--web.external-url=http://example.com").routePrefix());
    assertThrows(ConfigException.class, () -> parse("--web.external-url=not a url"));
  }

  @Test
  void lifecycleTelemetryPathAndTheirDefaults() {
    NodeConfig defaults = parse();
    assertFalse(defaults.lifecycleApi());
    assertEquals("/metrics", defaults.telemetryPath());
    NodeConfig set = parse("--web.enable-lifecycle", "--web.telemetry-path=/scrape/");
    assertTrue(set.lifecycleApi());
    assertEquals("/scrape", set.telemetryPath());
    assertThrows(ConfigException.class, () -> parse("--web.telemetry-path=metrics"));
  }

  @Test
  void flagsThatThisGatewayCannotHonourStopTheStart() {
    for (String flag :
        new String[] {
          "--web.config.file=web.yml",
          "--web.systemd-socket",
          "--push.enable-utf8-names",
          "--log.level=verbose",
          "--log.format=xml"
        }) {
      assertThrows(ConfigException.class, () -> parse(flag), flag);
    }
    assertEquals("debug", parse("--log.level=debug").flagValues().get("log.level"));
  }

  @Test
  void statusShowsEveryFlagWithDurationsAsGoPrintsThem() {
    Map<String, String> shown = parse("--request.timeout=90s").flagValues();
    assertEquals("1m30s", shown.get("request.timeout"));
    assertEquals("false", shown.get("web.enable-lifecycle"));
    assertEquals(":9091", shown.get("web.listen-address"));
    assertEquals("500ms", Flags.goDuration(Duration.ofMillis(500)));
    assertEquals("2h0m1.5s", Flags.goDuration(Duration.ofMillis(7_201_500)));
    assertEquals("0s", Flags.goDuration(Duration.ZERO));
  }
}
