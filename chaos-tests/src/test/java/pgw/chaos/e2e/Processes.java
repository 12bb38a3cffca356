package pgw.chaos.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts the OS processes of a test and guarantees they die with it: every process is registered,
 * killed by {@link #killAll()} (tests call it in {@code finally}) and, should the test JVM itself
 * be stopped, by a shutdown hook.
 */
public final class Processes {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Processes::killAll, "kill-test-processes"));
  }

  private Processes() {}

  /** Starts {@code command} with output appended to {@code log}. */
  public static Process start(List<String> command, Map<String, String> env, Path log) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      RUNNING.add(p);
      p.onExit().thenRun(() -> RUNNING.remove(p));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  /** SIGKILL to every process still running (children of a wrapper included). */
  public static void killAll() {
    for (Process p : List.copyOf(RUNNING)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : List.copyOf(RUNNING)) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A port that was free a moment ago (bind-and-release; good enough on a test machine). */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The java binary running this test (JDK 21+, as the build requires). */
  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** Runs a short command to completion; returns its output, or throws with it on failure. */
  public static String run(List<String> command, Duration timeout) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      RUNNING.add(p);
      try {
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(command + " did not finish in " + timeout);
        }
        String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new IllegalStateException(command + " exited " + p.exitValue() + ":\n" + text);
        }
        return text;
      } finally {
        p.destroyForcibly();
        RUNNING.remove(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
