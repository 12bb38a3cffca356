package pgw.node.compat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code promtool check metrics} from Debian's prometheus package, on one exposition. */
final class Promtool {
  /** promtool's exit code for lint findings (style, e.g. no HELP), as opposed to 1 for errors. */
  static final int LINT_FINDINGS = 3;

  record Result(int exitCode, List<String> lines) {
    /** The exposition parsed; what remains are style findings about the pushed data. */
    boolean parsed() {
      return (exitCode == 0 || exitCode == LINT_FINDINGS)
          && lines.stream().noneMatch(l -> l.startsWith("error while linting"));
    }
  }

  private Promtool() {}

  static Result checkMetrics(byte[] exposition) {
    try {
      Process p =
          new ProcessBuilder(DebianPackages.promtool().toString(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(exposition);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("promtool did not finish");
      }
      return new Result(p.exitValue(), out.lines().filter(l -> !l.isBlank()).toList());
    } catch (IOException e) {
      throw new AssertionError("could not run promtool: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
