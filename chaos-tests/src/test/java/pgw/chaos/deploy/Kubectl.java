package pgw.chaos.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import pgw.chaos.e2e.Processes;

/**
 * Renders Kustomize directories with Debian's kubectl ({@code kubernetes-client}). The package is
 * unpacked under target/ rather than installed, so that it cannot clash with another kubectl on the
 * machine; kubectl only renders here and never talks to a cluster.
 */
final class Kubectl {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private Kubectl() {}

  static synchronized Path binary() {
    Path tools = Path.of("target", "tools").toAbsolutePath();
    Path kubectl = tools.resolve("kubernetes-client/usr/bin/kubectl");
    if (Files.isExecutable(kubectl)) {
      return kubectl;
    }
    try {
      Files.createDirectories(tools);
      List<String> download =
          List.of("sh", "-c", "cd '" + tools + "' && apt-get download kubernetes-client");
      try {
        Processes.run(download, TIMEOUT);
      } catch (IllegalStateException stalePackageLists) {
        Processes.run(List.of("apt-get", "update", "-qq"), TIMEOUT);
        Processes.run(download, TIMEOUT);
      }
      Path deb;
      try (var files = Files.list(tools)) {
        deb =
            files
                .filter(f -> f.getFileName().toString().startsWith("kubernetes-client_"))
                .findFirst()
                .orElseThrow();
      }
      Processes.run(
          List.of("dpkg-deb", "-x", deb.toString(), tools.resolve("kubernetes-client").toString()),
          TIMEOUT);
      return kubectl;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kubectl kustomize dir}, parsed: one map per Kubernetes object. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> kustomize(Path dir) {
    String yaml;
    try {
      Path out = Files.createTempFile("kustomize", ".yaml");
      // stdout only: warnings on stderr must not end up in the YAML.
      Processes.run(
          List.of(
              "sh",
              "-c",
              "\"$0\" kustomize \"$1\" > \"$2\"",
              binary().toString(),
              dir.toString(),
              out.toString()),
          TIMEOUT);
      yaml = Files.readString(out);
      Files.delete(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (Object doc : new Yaml(new LoaderOptions()).loadAll(yaml)) {
      if (doc != null) {
        out.add((Map<String, Object>) doc);
      }
    }
    return out;
  }
}
