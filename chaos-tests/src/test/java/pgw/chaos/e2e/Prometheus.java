package pgw.chaos.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import pgw.chaos.NodeHttp;

/** A real Prometheus (Debian's) scraping one target every second, and its HTTP query API. */
public final class Prometheus implements AutoCloseable {
  private static final NodeHttp HTTP = new NodeHttp(Duration.ofSeconds(20));

  /** One stored sample: Prometheus' timestamp (epoch millis) and value. */
  public record Sample(long atMillis, double value) {}

  private final int port;
  private final Process process;

  private Prometheus(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Scrapes {@code target} (host:port) as job "pushgateway" with honor_labels, every second. */
  public static Prometheus start(Path dir, String target) {
    Debian.install("prometheus");
    int port = Processes.freePort();
    String config =
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: pushgateway
            honor_labels: true
            static_configs:
              - targets: ["%s"]
        """
            .formatted(target);
    try {
      Files.createDirectories(dir.resolve("tsdb"));
      Files.writeString(dir.resolve("prometheus.yml"), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process p =
        Processes.start(
            List.of(
                "prometheus",
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port),
            Map.of(),
            dir.resolve("prometheus.log"));
    Prometheus prometheus = new Prometheus(port, p);
    await("prometheus ready on " + port)
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> p.isAlive() && HTTP.get(prometheus.url("/-/ready")).status() == 200);
    return prometheus;
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /**
   * The raw samples of every series matching {@code selector} over the last {@code window}, keyed
   * by the series' labels as Prometheus prints them.
   */
  @SuppressWarnings("unchecked")
  public Map<Map<String, String>, List<Sample>> samples(String selector, Duration window) {
    String query = selector + "[" + window.toSeconds() + "s]";
    NodeHttp.Reply a =
        HTTP.get(url("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
    if (a.status() != 200) {
      throw new IllegalStateException("query " + query + ": " + a.status() + " " + a.body());
    }
    Map<String, Object> json = new Yaml().load(a.body());
    Map<String, Object> data = (Map<String, Object>) json.get("data");
    Map<Map<String, String>, List<Sample>> out = new java.util.LinkedHashMap<>();
    for (Map<String, Object> series : (List<Map<String, Object>>) data.get("result")) {
      List<Sample> samples = new ArrayList<>();
      for (List<Object> v : (List<List<Object>>) series.get("values")) {
        double seconds = ((Number) v.get(0)).doubleValue();
        samples.add(new Sample(Math.round(seconds * 1000), Double.parseDouble((String) v.get(1))));
      }
      out.put((Map<String, String>) series.get("metric"), samples);
    }
    return out;
  }

  /** The samples of the one series matching {@code selector} (empty if there is none yet). */
  public List<Sample> series(String selector, Duration window) {
    var all = samples(selector, window);
    if (all.size() > 1) {
      throw new IllegalStateException(selector + " matches " + all.size() + " series: " + all);
    }
    return all.isEmpty() ? List.of() : all.values().iterator().next();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
