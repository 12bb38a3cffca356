package pgw.node.compat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP-surface cases ({@code surface*.cases}): 404/405/OPTIONS/CORS, gzip/snappy bodies,
 * negotiation, JSON API, lifecycle, route prefix, limits, own metrics; each table with its own
 * server flags. Like {@link DifferentialIT}, against upstream and a three-node cluster.
 */
class SurfaceDifferentialIT {
  @TempDir static Path dir;

  @TestFactory
  Stream<DynamicNode> surface() throws IOException {
    return TableRun.start("surface.cases", dir).tests(Stream.empty());
  }

  @TestFactory
  Stream<DynamicNode> lifecycle() throws IOException {
    return TableRun.start("surface-lifecycle.cases", dir).tests(Stream.empty());
  }

  @TestFactory
  Stream<DynamicNode> routePrefix() throws IOException {
    return TableRun.start("surface-prefix.cases", dir).tests(Stream.empty());
  }
}
