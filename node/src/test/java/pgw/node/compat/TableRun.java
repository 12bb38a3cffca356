package pgw.node.compat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * One case table against fresh servers started with the table's flags: Debian's Pushgateway and a
 * cluster of three of our nodes. Cases run in file order, one dynamic test each, sharing the
 * servers' state as the table intends.
 */
final class TableRun implements AutoCloseable {
  final CaseTable.Table table;
  final UpstreamPushgateway upstream;
  final NodeProcesses cluster;
  final Differential differential;

  private TableRun(CaseTable.Table table, UpstreamPushgateway upstream, NodeProcesses cluster) {
    this.table = table;
    this.upstream = upstream;
    this.cluster = cluster;
    this.differential = new Differential(cluster == null ? null : cluster.http(), upstream.http());
  }

  static TableRun start(String resource, Path dir) throws IOException {
    CaseTable.Table table = CaseTable.load(resource);
    String name = resource.replace(".cases", "");
    UpstreamPushgateway upstream =
        UpstreamPushgateway.start(
            dir.resolve(name + "-upstream.log"), table.flags().toArray(String[]::new));
    try {
      NodeProcesses cluster = NodeProcesses.start(dir.resolve(name), 3, table.flags());
      return new TableRun(table, upstream, cluster);
    } catch (IOException | RuntimeException e) {
      upstream.close();
      throw e;
    }
  }

  /** The cases as dynamic tests; closing the stream stops the servers. */
  Stream<DynamicNode> tests(Stream<DynamicNode> more) {
    Stream<DynamicNode> cases =
        table.cases().stream()
            .map(c -> DynamicTest.dynamicTest(c.id() + " " + c.title(), () -> differential.run(c)));
    return Stream.concat(cases, more).onClose(this::close);
  }

  @Override
  public void close() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      upstream.close();
    }
  }
}
