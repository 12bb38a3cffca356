package pgw.node;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.logging.LogManager;

/** Starts a node from flags and environment; the only place that may exit the process. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(Flags.usage());
      return;
    }
    configureLogging();
    NodeConfig config;
    try {
      config = Flags.parse(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println("pgw-node: " + e.getMessage());
      System.exit(2);
      return;
    }
    java.util.logging.Logger.getLogger("")
        .setLevel(
            switch (config.flagValues().getOrDefault("log.level", "info")) {
              case "debug" -> java.util.logging.Level.FINE;
              case "warn" -> java.util.logging.Level.WARNING;
              case "error" -> java.util.logging.Level.SEVERE;
              default -> java.util.logging.Level.INFO;
            });
    Node node = Node.start(config);
    // /-/quit ends the process like SIGTERM does: System.exit runs the shutdown hook below. It runs
    // on its own thread because the hook waits for in-flight requests, the quit request included.
    node.quitRequested()
        .thenRun(() -> Thread.ofPlatform().name("quit").start(() -> System.exit(0)));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.close();
                  } catch (IOException | RuntimeException e) {
                    System.err.println("pgw-node: unclean shutdown: " + e);
                  }
                },
                "shutdown"));
  }

  private static void configureLogging() throws IOException {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream in = Main.class.getResourceAsStream("/logging.properties")) {
      LogManager.getLogManager().readConfiguration(in);
    }
  }
}
