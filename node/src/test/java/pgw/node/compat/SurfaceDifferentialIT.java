package pgw.node.compat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP-surface cases ({@code surface*.cases}): 404/405/OPTIONS/CORS, gzip/snappy bodies,
 * negotiation, JSON API, lifecycle, route prefix, limits, own metrics. They always run against
 * upstream, which keeps the table honest; against our cluster only with {@code
 * -Dpgw.compat.surface=true}, until that surface is merged (then make it the default).
 */
class SurfaceDifferentialIT {
  static final boolean WITH_OURS = Boolean.getBoolean("pgw.compat.surface");

  @TempDir static Path dir;

  @TestFactory
  Stream<DynamicNode> surface() throws IOException {
    return TableRun.start("surface.cases", dir, WITH_OURS).tests(Stream.empty());
  }

  @TestFactory
  Stream<DynamicNode> lifecycle() throws IOException {
    return TableRun.start("surface-lifecycle.cases", dir, WITH_OURS).tests(Stream.empty());
  }

  @TestFactory
  Stream<DynamicNode> routePrefix() throws IOException {
    return TableRun.start("surface-prefix.cases", dir, WITH_OURS).tests(Stream.empty());
  }
}
