package pgw.chaos.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Installs the Debian packages a test needs (we run as root), unless they are there already. */
public final class Debian {
  private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);

  private Debian() {}

  public static synchronized void install(String... packages) {
    List<String> missing = new ArrayList<>();
    for (String p : packages) {
      if (!installed(p)) {
        missing.add(p);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    Processes.run(List.of("apt-get", "update", "-qq"), APT_TIMEOUT);
    List<String> cmd = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive"));
    // Other builds on the machine may hold the dpkg lock for a while.
    cmd.addAll(List.of("apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=600"));
    cmd.addAll(missing);
    Processes.run(cmd, APT_TIMEOUT);
  }

  static boolean installed(String pkg) {
    try {
      return Processes.run(List.of("dpkg-query", "-W", "-f=${Status}", pkg), Duration.ofMinutes(1))
          .contains("install ok installed");
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
