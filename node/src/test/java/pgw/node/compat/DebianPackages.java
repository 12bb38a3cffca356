package pgw.node.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the Debian packages the compatibility tests run against, when their files are missing:
 * {@code apt-get update} once, then {@code apt-get install -y}. The packages' own services must not
 * keep running (the Pushgateway's would take :9091): the image's policy-rc.d usually keeps them
 * from starting, and otherwise they are stopped and disabled right after the install.
 */
final class DebianPackages {
  static final Path PUSHGATEWAY = Path.of("/usr/bin/prometheus-pushgateway");
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Path PYTHON_CLIENT =
      Path.of("/usr/lib/python3/dist-packages/prometheus_client/__init__.py");

  private static boolean updated;

  private DebianPackages() {}

  static Path pushgateway() {
    ensure(PUSHGATEWAY, "prometheus-pushgateway", "prometheus-pushgateway");
    return PUSHGATEWAY;
  }

  static Path promtool() {
    ensure(PROMTOOL, "prometheus", "prometheus");
    return PROMTOOL;
  }

  /** Debian's python3 with Debian's prometheus_client (not whatever python3 is first on PATH). */
  static Path pythonWithClient() {
    ensure(PYTHON_CLIENT, "python3-prometheus-client", null);
    return PYTHON;
  }

  private static synchronized void ensure(Path file, String pkg, String service) {
    if (Files.exists(file)) {
      return;
    }
    if (!updated) {
      run(List.of("apt-get", "update", "-q", "-o", "DPkg::Lock::Timeout=600"));
      updated = true;
    }
    run(List.of("apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", pkg));
    if (service != null) {
      // Best effort: these fail harmlessly where the service never started or there is no init.
      run(
          List.of(
              "sh",
              "-c",
              "service "
                  + service
                  + " stop; update-rc.d "
                  + service
                  + " disable; "
                  + "systemctl disable --now "
                  + service
                  + "; true"));
    }
    if (!Files.exists(file)) {
      throw new AssertionError("installing " + pkg + " did not provide " + file);
    }
  }

  private static void run(List<String> command) {
    List<String> cmd = new ArrayList<>(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).inheritIO();
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    try {
      Process p = pb.start();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      if (p.exitValue() != 0 && !cmd.get(0).equals("sh")) {
        throw new AssertionError(cmd + " exited with " + p.exitValue());
      }
    } catch (IOException e) {
      throw new AssertionError("could not run " + cmd + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
