package pgw.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One node as its own JVM, started from the built jar. Its output is appended to one log file that
 * survives restarts, so a failure can show the whole life of the node.
 */
public final class NodeProcess {
  /** Every node process this JVM started; killed if the JVM exits before the test closes them. */
  private static final java.util.Set<Process> ALL =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> ALL.forEach(Process::destroyForcibly), "kill-nodes"));
  }

  /** How long SIGTERM may take before SIGKILL: a StatefulSet's terminationGracePeriodSeconds. */
  public static final long GRACE_SECONDS = 60;

  private final int index;
  private final List<String> command;
  private final Path dataDir;
  private final Path log;
  private final int httpPort;
  private Process process;
  private boolean paused;

  NodeProcess(int index, List<String> command, Path dataDir, Path log, int httpPort) {
    this.index = index;
    this.command = List.copyOf(command);
    this.dataDir = dataDir;
    this.log = log;
    this.httpPort = httpPort;
  }

  /** The node jar built by the node module (the failsafe configuration sets its path). */
  public static Path jar() {
    return Path.of(System.getProperty("pgw.node.jar", "../node/target/pgw-node.jar"));
  }

  public int index() {
    return index;
  }

  public String id() {
    return "n" + (index + 1);
  }

  public int httpPort() {
    return httpPort;
  }

  /** {@code http://127.0.0.1:<port>}, the base of this node's URLs. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public Path log() {
    return log;
  }

  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  public synchronized boolean paused() {
    return paused && running();
  }

  synchronized void start() {
    if (running()) {
      throw new IllegalStateException(id() + " is already running");
    }
    try {
      Files.writeString(
          log,
          "---- start " + id() + ": " + String.join(" ", command) + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      ALL.add(process);
      paused = false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no final snapshot. */
  synchronized void kill() {
    stop(true);
  }

  /** SIGTERM: the node's shutdown hook closes the Raft server cleanly. Returns the exit code. */
  synchronized int terminate() {
    return stop(false);
  }

  /**
   * SIGTERM without waiting, so that a test can watch the node while it shuts down; the future
   * completes with the exit code.
   */
  synchronized CompletableFuture<Integer> terminateAsync() {
    if (paused) {
      resume();
    }
    Process p = process;
    if (p == null || !p.isAlive()) {
      throw new IllegalStateException(id() + " is not running");
    }
    appendLog("---- SIGTERM " + id() + " (not waiting)");
    p.destroy();
    return p.onExit().thenApply(Process::exitValue);
  }

  /** Returns the exit code, or -1 if the node was never started or is still alive. */
  private int stop(boolean force) {
    if (process == null) {
      return -1;
    }
    if (paused) {
      // A stopped process does not act on SIGTERM until continued.
      signal("CONT");
    }
    if (force) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int exit = process.isAlive() ? -1 : process.exitValue();
    appendLog("---- " + (force ? "SIGKILL" : "SIGTERM") + " " + id() + " exit " + exit);
    ALL.remove(process);
    process = null;
    paused = false;
    return exit;
  }

  /** SIGSTOP: the process freezes, its sockets stay open, its peers see silence. */
  synchronized void pause() {
    signal("STOP");
    paused = true;
  }

  /** SIGCONT. */
  synchronized void resume() {
    signal("CONT");
    paused = false;
  }

  private void signal(String name) {
    if (!running()) {
      throw new IllegalStateException(id() + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Deletes the data directory; the node must be stopped. */
  synchronized void wipe() {
    if (running()) {
      throw new IllegalStateException(id() + " must be stopped before its data is wiped");
    }
    if (!Files.exists(dataDir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    appendLog("---- wiped " + dataDir);
  }

  private void appendLog(String line) {
    try {
      Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines of this node's log. */
  public String logTail(int lines) {
    try {
      List<String> all =
          new ArrayList<>(
              Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of());
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
