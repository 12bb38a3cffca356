package pgw.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Measures the real Pushgateway and our cluster in the same run and prints a markdown table of
 * medians, spreads and ratios. Processes are started by {@code deploy/local/bench}; this class only
 * drives HTTP load and reads memory figures.
 *
 * <p>Arguments: {@code reference-url ours-urls(comma separated) reference-pid ours-pid profile
 * runs}. The profile is {@code full} (the sizes) or {@code smoke} (seconds, for CI).
 */
public final class Bench {
  private final String reference;
  private final List<String> ours;
  private final long referencePid;
  private final long oursPid;
  private final Profile profile;
  private final Table table = new Table();

  /**
   * {@code warmUp} is load that is not measured. Ours needs about two minutes of it: until then the
   * JIT compiler of each of three JVMs takes much of the two cores (a fresh cluster pushes a third
   * of what it does warm). The reference gets the same warm-up, which it does not need.
   */
  record Profile(
      Duration warmUp,
      Duration load,
      int maxStallPhases,
      int midGroups,
      int midSeries,
      int bigGroups,
      int bigSeries) {
    static Profile named(String name) {
      return switch (name) {
        // The middle state is the 5,000 groups × 10. The reference re-checks its whole
        // store on every push, so the large state is loaded in few, large groups; pushing
        // 100,000 small groups into it would take hours.
        case "full" ->
            new Profile(Duration.ofSeconds(120), Duration.ofSeconds(15), 12, 5_000, 10, 20, 50_000);
        case "smoke" ->
            new Profile(Duration.ofSeconds(4), Duration.ofSeconds(2), 2, 100, 10, 10, 1_000);
        default -> throw new IllegalArgumentException("profile must be full or smoke: " + name);
      };
    }
  }

  private Bench(String[] args) {
    reference = args[0];
    ours = List.of(args[1].split(","));
    referencePid = Long.parseLong(args[2]);
    oursPid = Long.parseLong(args[3]);
    profile = Profile.named(args[4]);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println(
          "usage: Bench reference-url ours-urls reference-pid ours-pid profile runs");
      System.exit(2);
    }
    Bench bench = new Bench(args);
    int runs = Integer.parseInt(args[5]);
    System.err.println("bench: warming up both systems (not measured)");
    PushLoad.run(List.of(bench.reference), 16, bench.profile.warmUp);
    PushLoad.run(bench.ours, 16, bench.profile.warmUp);
    bench.measure(runs);
    System.out.print(bench.table.markdown());
  }

  /**
   * Measures every figure {@code runs} times. Each state is loaded once and measured repeatedly:
   * the reference re-checks its whole store on every push, so loading 5,000 groups into it takes
   * minutes.
   */
  private void measure(int runs) throws Exception {
    wipe();
    for (int run = 1; run <= runs; run++) {
      progress("empty store", run, runs);
      for (int clients : new int[] {16, 64}) {
        compare("push/s, empty store, " + clients + " clients", clients);
      }
    }
    String stored = fill(profile.midGroups, profile.midSeries);
    for (int run = 1; run <= runs; run++) {
      progress(stored, run, runs);
      compare("push/s, " + stored + ", 16 clients", 16);
    }
    wipe();
    String big = fill(profile.bigGroups, profile.bigSeries);
    String follower = ours.get(ours.size() - 1);
    for (int run = 1; run <= runs; run++) {
      progress(big, run, runs);
      table.add("scrape seconds, " + big, scrapeSeconds(reference), scrapeSeconds(follower));
      table.add("memory MiB, " + big, rssMiB(referencePid), heapUsedMiB(oursPid));
      PushLoad.Result loaded = PushLoad.run(ours, 16, profile.load);
      table.add("ours: push/s, " + big + ", 16 clients", Double.NaN, loaded.perSecond());
    }
    snapshotStall(big);
  }

  private String fill(int groups, int seriesPerGroup) throws InterruptedException {
    String what = groups * seriesPerGroup + " stored series";
    System.err.printf("bench: loading %s (%d groups) into both systems%n", what, groups);
    Preload.fill(reference, groups, seriesPerGroup);
    Preload.fill(ours.get(0), groups, seriesPerGroup);
    return what;
  }

  private static void progress(String state, int run, int runs) {
    System.err.printf("bench: %s, run %d of %d%n", state, run, runs);
  }

  /**
   * Keeps pushing with the large state stored until the nodes have written a snapshot of it (every
   * {@code --raft.snapshot-interval} entries, default settings) and one more load phase has run, so
   * that the snapshot's whole writing falls inside the measured time. The figure is the longest
   * time in which no push was acknowledged; the empty-store rows show the same figure without.
   */
  private void snapshotStall(String big) throws Exception {
    long before = snapshotIndex(ours.get(0));
    long longestPause = 0;
    double slowest = 0;
    int phases = 0;
    boolean written = false;
    while (phases < profile.maxStallPhases()) {
      PushLoad.Result r = PushLoad.run(ours, 16, profile.load);
      phases++;
      longestPause = Math.max(longestPause, r.longestPauseNanos());
      slowest = Math.max(slowest, r.percentileMillis(1.0));
      if (written) {
        break;
      }
      written = snapshotIndex(ours.get(0)) > before;
    }
    String over =
        String.format(
            "%d s of pushes, %s, %s",
            phases * profile.load.toSeconds(),
            big,
            written ? "a snapshot of them written" : "no snapshot written");
    table.add("ours: longest pause ms, " + over, Double.NaN, longestPause / 1e6);
    table.add("ours: slowest push ms, " + over, Double.NaN, slowest);
  }

  private void compare(String what, int clients) throws Exception {
    PushLoad.Result ref = PushLoad.run(List.of(reference), clients, profile.load);
    PushLoad.Result our = PushLoad.run(ours, clients, profile.load);
    table.add(what, ref.perSecond(), our.perSecond());
    table.add(what + " p50 ms", ref.percentileMillis(0.5), our.percentileMillis(0.5));
    table.add(what + " p99 ms", ref.percentileMillis(0.99), our.percentileMillis(0.99));
    table.add(
        what + " longest pause ms", ref.longestPauseNanos() / 1e6, our.longestPauseNanos() / 1e6);
    if (our.failed() > 0 || ref.failed() > 0) {
      System.err.printf(
          "bench: %s: failed pushes: reference %d, ours %d%n", what, ref.failed(), our.failed());
    }
  }

  private void wipe() {
    for (String url : List.of(reference, ours.get(0))) {
      int status = PushLoad.send("PUT", url + "/api/v1/admin/wipe", "");
      if (status / 100 != 2) {
        throw new IllegalStateException("wipe on " + url + " answered " + status);
      }
    }
  }

  private static double scrapeSeconds(String url) throws IOException, InterruptedException {
    long start = System.nanoTime();
    var r = get(url + "/metrics", HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("scrape of " + url + " answered " + r.statusCode());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static long snapshotIndex(String url) throws IOException, InterruptedException {
    String json = get(url + "/api/v1/cluster", HttpResponse.BodyHandlers.ofString()).body();
    var m = java.util.regex.Pattern.compile("\"snapshotIndex\":(-?\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static <T> HttpResponse<T> get(String url, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build();
    return HttpClient.newHttpClient().send(request, handler);
  }

  private static double rssMiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + pid);
  }

  /** The live heap after a full collection: what holding the data needs. */
  private static double heapUsedMiB(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("cannot read heap use: " + info);
    }
    return Long.parseLong(m.group(1)) / 1024.0;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }
}
