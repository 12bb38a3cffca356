package pgw.chaos.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The container image of deploy/docker/Dockerfile, reproduced in a directory: no registry and no
 * Docker daemon here, so the base image cannot be pulled. Its COPY, ENV, ENTRYPOINT and CMD lines
 * are read and applied under {@code root}; image paths map to {@code root + path}. RUN lines (user
 * and directory creation in the base image) are not replayed.
 */
final class ImageLayout {
  private static final Pattern ENV = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");
  private static final Pattern JSON_STRING = Pattern.compile("\"([^\"]*)\"");

  final Path root;
  final String from;
  final Map<String, String> env = new LinkedHashMap<>();
  final List<String> entrypoint = new ArrayList<>();
  final List<String> cmd = new ArrayList<>();
  final List<Integer> exposed = new ArrayList<>();
  String user = "";
  String workdir = "/";

  private ImageLayout(Path root, String from) {
    this.root = root;
    this.from = from;
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("pgw.root", "..")).toAbsolutePath().normalize();
  }

  static Path dockerfile() {
    return repoRoot().resolve("deploy/docker/Dockerfile");
  }

  /** Reads the Dockerfile and builds its file layout under {@code root}. */
  static ImageLayout build(Path root) throws IOException {
    List<String> instructions = instructions(Files.readAllLines(dockerfile()));
    ImageLayout image = null;
    for (String line : instructions) {
      String[] parts = line.split("\\s+", 2);
      String op = parts[0].toUpperCase(java.util.Locale.ROOT);
      String arg = parts.length > 1 ? parts[1].strip() : "";
      if (op.equals("FROM")) {
        image = new ImageLayout(root, arg);
        continue;
      }
      if (image == null) {
        throw new IllegalStateException("Dockerfile does not start with FROM");
      }
      switch (op) {
        case "COPY" -> {
          String[] srcDst = arg.split("\\s+");
          if (srcDst.length != 2 || srcDst[0].startsWith("--")) {
            throw new IllegalStateException("unsupported COPY (one source, no options): " + line);
          }
          copy(repoRoot().resolve(srcDst[0]), image.path(srcDst[1]));
        }
        case "ENV" -> {
          Matcher m = ENV.matcher(arg);
          while (m.find()) {
            image.env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
          }
        }
        case "ENTRYPOINT" -> image.entrypoint.addAll(json(arg, line));
        case "CMD" -> image.cmd.addAll(json(arg, line));
        case "USER" -> image.user = arg;
        case "WORKDIR" -> {
          image.workdir = arg;
          Files.createDirectories(image.path(arg));
        }
        case "EXPOSE" -> {
          for (String p : arg.split("\\s+")) {
            image.exposed.add(Integer.parseInt(p));
          }
        }
        case "RUN", "VOLUME", "LABEL" -> {}
        default -> throw new IllegalStateException("instruction not reproduced here: " + line);
      }
    }
    if (image == null) {
      throw new IllegalStateException("empty Dockerfile");
    }
    return image;
  }

  /** An absolute path inside the image, under this layout's root. */
  Path path(String imagePath) {
    if (!imagePath.startsWith("/")) {
      throw new IllegalArgumentException("not an absolute image path: " + imagePath);
    }
    return root.resolve(imagePath.substring(1));
  }

  /** The image's environment with image paths moved under the root. */
  Map<String, String> environment() {
    Map<String, String> out = new LinkedHashMap<>();
    env.forEach((k, v) -> out.put(k, v.startsWith("/") ? path(v).toString() : v));
    return out;
  }

  private static List<String> json(String arg, String line) {
    if (!arg.startsWith("[")) {
      throw new IllegalStateException("use the exec (JSON) form: " + line);
    }
    List<String> out = new ArrayList<>();
    Matcher m = JSON_STRING.matcher(arg);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<String> instructions(List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : lines) {
      String line = raw.strip();
      if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
      } else {
        current.append(line);
        out.add(current.toString().strip());
        current.setLength(0);
      }
    }
    return out;
  }

  private static void copy(Path src, Path dst) throws IOException {
    if (!Files.exists(src)) {
      throw new IllegalStateException(src + " does not exist (build the node first)");
    }
    if (Files.isDirectory(src)) {
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.toList()) {
          Path target = dst.resolve(src.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(target);
          } else {
            Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
    } else {
      Files.createDirectories(dst.getParent());
      Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
