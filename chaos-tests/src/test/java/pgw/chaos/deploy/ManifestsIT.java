package pgw.chaos.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import pgw.chaos.NodeHttp;
import pgw.chaos.NodeProcess;
import pgw.chaos.e2e.Processes;

/**
 * Renders deploy/kubernetes with a real kustomize (Debian's kubectl) and checks what must hold for
 * the cluster to work, against the node itself where the node is concerned.
 */
class ManifestsIT {
  private static final NodeHttp HTTP = new NodeHttp(Duration.ofSeconds(20));

  private static List<Map<String, Object>> base;
  private static Map<String, Object> statefulSet;
  private static Map<String, Object> container;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @BeforeAll
  static void render() {
    base = Kubectl.kustomize(ImageLayout.repoRoot().resolve("deploy/kubernetes/base"));
    statefulSet = only("StatefulSet");
    container = Y.<Map<String, Object>>list(statefulSet, "spec.template.spec.containers").get(0);
  }

  @AfterEach
  void killEverything() {
    Processes.killAll();
  }

  @Test
  void replicasAreOddAndThePeerListHasThatManyMembers() {
    int replicas = Y.integer(statefulSet, "spec.replicas");
    assertTrue(replicas >= 3 && replicas % 2 == 1, "an odd number of at least 3: " + replicas);
    assertEquals(String.valueOf(replicas), env().get("PGW_REPLICAS"));
    assertEquals("Parallel", Y.string(statefulSet, "spec.podManagementPolicy"));
  }

  @Test
  void theDisruptionBudgetKeepsAQuorum() {
    Map<String, Object> pdb = only("PodDisruptionBudget");
    int replicas = Y.integer(statefulSet, "spec.replicas");
    int maxUnavailable = Y.integer(pdb, "spec.maxUnavailable");
    assertEquals(1, maxUnavailable);
    assertTrue(replicas - maxUnavailable >= replicas / 2 + 1, "a majority stays up");
    assertSelects(Y.map(pdb, "spec.selector.matchLabels"));
  }

  @Test
  void servicesSelectThePodsAndTargetTheirNamedPorts() {
    Map<String, Object> peers = service(Y.string(statefulSet, "spec.serviceName"));
    assertEquals("None", Y.string(peers, "spec.clusterIP"));
    assertEquals(Boolean.TRUE, Y.get(peers, "spec.publishNotReadyAddresses"));
    Map<String, Object> client = service("pushgateway");
    assertEquals(9091, Y.integer(servicePort(client, "http"), "port"));
    for (Map<String, Object> s : List.of(peers, client)) {
      assertSelects(Y.map(s, "spec.selector"));
      for (Map<String, Object> port : Y.<Map<String, Object>>list(s, "spec.ports")) {
        String target = String.valueOf(port.get("targetPort"));
        assertTrue(containerPorts().containsKey(target), "targetPort " + target + " exists");
      }
    }
    assertEquals(
        containerPorts().get("raft"),
        Y.integer(servicePort(peers, "raft"), "port"),
        "peers reach each other's Raft port through the headless Service");
  }

  @Test
  void portsAndFlagsAgreeWithTheNode() {
    String help =
        Processes.run(
            List.of(Processes.java(), "-jar", NodeProcess.jar().toString(), "--help"),
            Duration.ofMinutes(1));
    List<String> args = Y.list(container, "args");
    for (String arg : args) {
      String flag = arg.replaceFirst("=.*", "");
      assertTrue(help.contains("  " + flag + " "), flag + " is a node flag:\n" + help);
    }
    String listen = flagValue(args, "--web.listen-address");
    assertEquals(containerPorts().get("http"), Integer.parseInt(listen.replaceFirst(".*:", "")));
    assertEquals(containerPorts().get("raft"), Integer.parseInt(env().get("PGW_RAFT_PORT")));
    assertTrue(
        flagValue(args, "--data.dir").startsWith(volumeMountPath("data") + "/"),
        "the Raft data lives on the claimed volume");
    assertEquals(
        "data",
        Y.string(
            Y.<Map<String, Object>>list(statefulSet, "spec.volumeClaimTemplates").get(0),
            "metadata.name"));
  }

  @Test
  void podsRunAsNonRootWithTheImagesUserAndAGracePeriodForACleanShutdown() throws Exception {
    assertEquals(
        Boolean.TRUE, Y.get(statefulSet, "spec.template.spec.securityContext.runAsNonRoot"));
    int uid = Y.integer(statefulSet, "spec.template.spec.securityContext.runAsUser");
    ImageLayout image = ImageLayout.build(dir.resolve("image"));
    assertEquals(image.user.replaceFirst(":.*", ""), String.valueOf(uid));
    assertEquals(Boolean.FALSE, Y.get(container, "securityContext.allowPrivilegeEscalation"));
    // preStop pause + a push still waiting for its commit (--request.timeout, 10 s) + hand-over.
    int grace = Y.integer(statefulSet, "spec.template.spec.terminationGracePeriodSeconds");
    assertTrue(grace >= 30, "grace period " + grace);
    assertFalse(Y.map(statefulSet, "spec.template.spec.affinity.podAntiAffinity").isEmpty());
    assertTrue(Y.map(container, "resources.requests").containsKey("memory"));
    assertTrue(Y.map(container, "resources.requests").containsKey("cpu"));
  }

  @Test
  void probeAndScrapePathsAnswerOnARunningNode() throws Exception {
    List<String> paths = new ArrayList<>();
    paths.add(Y.string(container, "livenessProbe.httpGet.path"));
    paths.add(Y.string(container, "readinessProbe.httpGet.path"));
    paths.add(Y.string(container, "startupProbe.httpGet.path"));
    assertEquals("/-/healthy", paths.get(0));
    assertEquals("/-/ready", paths.get(1));
    for (Object job :
        new Yaml()
            .loadAs(
                java.nio.file.Files.readString(
                    ImageLayout.repoRoot()
                        .resolve("deploy/kubernetes/prometheus/scrape-configs.yaml")),
                List.class)) {
      paths.add(Y.string(Y.cast(job), "metrics_path"));
    }
    for (var monitor :
        Kubectl.kustomize(
            ImageLayout.repoRoot().resolve("deploy/kubernetes/prometheus-operator"))) {
      List<Map<String, Object>> endpoints =
          monitor.get("kind").equals("ServiceMonitor")
              ? Y.list(monitor, "spec.endpoints")
              : Y.list(monitor, "spec.podMetricsEndpoints");
      for (var e : endpoints) {
        paths.add(Y.string(e, "path"));
        assertEquals("http", e.get("port"), "monitors use the container's named port");
      }
    }

    ImageLayout image = ImageLayout.build(dir.resolve("image"));
    int http = Processes.freePort();
    Process node =
        Container.start(
            image,
            "pushgateway-0",
            Map.of("PGW_REPLICAS", "1", "PGW_RAFT_PORT", String.valueOf(Processes.freePort())),
            List.of("--web.listen-address=127.0.0.1:" + http),
            List.of("pushgateway-0.pushgateway-peers.default.svc"),
            dir.resolve("run"));
    String url = "http://127.0.0.1:" + http;
    await("node ready")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> node.isAlive() && HTTP.get(url + "/-/ready").status() == 200);
    for (String path : paths) {
      assertEquals(200, HTTP.get(url + path).status(), path + " on a ready node");
    }
  }

  @Test
  void theEntrypointDerivesIdAndPeersFromTheStatefulSetsNaming() throws Exception {
    String set = Y.string(statefulSet, "metadata.name");
    String service = Y.string(statefulSet, "spec.serviceName");
    int replicas = Y.integer(statefulSet, "spec.replicas");
    String namespace = "observability";
    int raftPort = Processes.freePort();
    // Kubernetes' DNS for StatefulSet pods: <pod>.<governing service>.<namespace>.svc
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      expected.add(
          "{\"id\":\"%s-%d\",\"address\":\"%s-%d.%s.%s.svc:%d\"}"
              .formatted(set, i, set, i, service, namespace, raftPort));
    }
    String pod = set + "-1";
    Map<String, String> podEnv = new HashMap<>(env());
    podEnv.put("PGW_POD_NAMESPACE", namespace);
    podEnv.put("PGW_RAFT_PORT", String.valueOf(raftPort));
    int http = Processes.freePort();
    List<String> args = new ArrayList<>(Y.list(container, "args"));
    args.replaceAll(
        a ->
            a.startsWith("--web.listen-address=")
                ? "--web.listen-address=127.0.0.1:" + http
                : a.startsWith("--data.dir=") ? "--data.dir=" + dir.resolve("data") : a);
    ImageLayout image = ImageLayout.build(dir.resolve("image"));
    Process node =
        Container.start(
            image,
            pod,
            podEnv,
            args,
            List.of(pod + "." + service + "." + namespace + ".svc"),
            dir.resolve("run"));
    String url = "http://127.0.0.1:" + http;
    // Alone it has no quorum, but it knows who it is and who its peers are.
    String cluster =
        await("cluster view of " + pod)
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> node.isAlive() ? HTTP.get(url + "/api/v1/cluster") : null,
                a -> a != null && a.status() == 200)
            .body();
    assertTrue(cluster.contains("\"id\":\"" + pod + "\""), cluster);
    assertTrue(cluster.contains("\"peers\":[" + String.join(",", expected) + "]"), cluster);
  }

  private static Map<String, Object> only(String kind) {
    List<Map<String, Object>> found =
        base.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    assertEquals(1, found.size(), "one " + kind);
    return found.get(0);
  }

  private static Map<String, Object> service(String name) {
    return base.stream()
        .filter(o -> "Service".equals(o.get("kind")) && name.equals(Y.string(o, "metadata.name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Service " + name));
  }

  private static Map<String, Object> servicePort(Map<String, Object> service, String name) {
    return Y.<Map<String, Object>>list(service, "spec.ports").stream()
        .filter(p -> name.equals(p.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no port " + name));
  }

  private static void assertSelects(Map<String, Object> selector) {
    Map<String, Object> podLabels = Y.map(statefulSet, "spec.template.metadata.labels");
    selector.forEach(
        (k, v) -> assertEquals(v, podLabels.get(k), "selector " + k + "=" + v + " matches pods"));
    assertFalse(selector.isEmpty());
  }

  private static Map<String, Integer> containerPorts() {
    return Y.<Map<String, Object>>list(container, "ports").stream()
        .collect(
            Collectors.toMap(p -> (String) p.get("name"), p -> (Integer) p.get("containerPort")));
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    for (Map<String, Object> e : Y.<Map<String, Object>>list(container, "env")) {
      if (e.get("value") != null) {
        env.put((String) e.get("name"), String.valueOf(e.get("value")));
      }
    }
    return env;
  }

  private static String volumeMountPath(String volume) {
    return Y.<Map<String, Object>>list(container, "volumeMounts").stream()
        .filter(m -> volume.equals(m.get("name")))
        .map(m -> (String) m.get("mountPath"))
        .findFirst()
        .orElseThrow();
  }

  private static String flagValue(List<String> args, String flag) {
    return args.stream()
        .filter(a -> a.startsWith(flag + "="))
        .map(a -> a.substring(flag.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError(flag + " not in " + args));
  }
}
