package pgw.chaos.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pgw.chaos.e2e.Processes;

/**
 * Runs the reproduced image's entrypoint as a container runtime would: the image's environment plus
 * the pod's, the pod's hostname, and DNS names that resolve. Names are resolved through a private
 * /etc/hosts, bind-mounted in a mount namespace of the process's own ({@code unshare -m}), so the
 * machine's resolver is left alone.
 */
final class Container {
  private Container() {}

  static Process start(
      ImageLayout image,
      String hostname,
      Map<String, String> podEnv,
      List<String> args,
      List<String> resolvable,
      Path dir)
      throws IOException {
    Files.createDirectories(dir);
    StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
    for (String name : resolvable) {
      hosts.append("127.0.0.1 ").append(name).append('\n');
    }
    Path hostsFile = dir.resolve("hosts");
    Files.writeString(hostsFile, hosts);

    Map<String, String> env = new HashMap<>(image.environment());
    env.putAll(podEnv);
    env.put("HOSTNAME", hostname);
    // The base image's JAVA_HOME, here the JDK running the tests (21+ like the image's).
    env.put("JAVA_HOME", Path.of(Processes.java()).getParent().getParent().toString());
    env.put("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m");

    List<String> cmd =
        new ArrayList<>(
            List.of(
                "unshare",
                "-m",
                "sh",
                "-c",
                "mount --bind \"$0\" /etc/hosts && exec \"$@\"",
                hostsFile.toString()));
    for (String e : image.entrypoint) {
      cmd.add(e.startsWith("/") ? image.path(e).toString() : e);
    }
    cmd.addAll(args.isEmpty() ? image.cmd : args);
    return Processes.start(cmd, env, dir.resolve("container.log"));
  }
}
