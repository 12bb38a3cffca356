package pgw.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes near the body limit. A command is larger than its body (one line "m1 1" becomes a family
 * with a name, a type and a double), so the Raft log must take entries well past Ratis' 4 MB
 * default, and a push too large for any entry must be refused before it reaches the log.
 */
class LargePushIT {
  @TempDir Path dir;
  InProcessCluster cluster;

  @AfterEach
  void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aPushOfManyMegabytesIsReplicatedAndOneTooLargeForTheLogIsRefused() throws IOException {
    cluster = new InProcessCluster(dir, 3, 10_000, 1 << 20, Duration.ofSeconds(1));
    int follower = cluster.follower();

    // About 1.5 MB of text, three times that as a command: past Ratis' 4 MB default entry limit.
    String big = families(150_000);
    var pushed = cluster.http(follower).put("/metrics/job/big", big);
    assertEquals(200, pushed.status(), pushed.body());
    for (int i = 0; i < 3; i++) {
      String scraped = cluster.http(i).metrics();
      assertTrue(scraped.contains("\nm149999{instance=\"\",job=\"big\"} 1\n"), "node " + i);
    }

    // Within --web.max-body-size (16 MiB), but beyond what one log entry may hold once encoded.
    String huge = families(1_300_000);
    var refused = cluster.http(follower).put("/metrics/job/huge", huge);
    assertEquals(413, refused.status(), refused.body());
    assertTrue(refused.body().contains("too large for the replicated log"), refused.body());

    assertEquals(200, cluster.http(follower).put("/metrics/job/small", "s 1\n").status());
    for (int i = 0; i < 3; i++) {
      String scraped = cluster.http(i).metrics();
      assertFalse(scraped.contains("job=\"huge\""), "node " + i);
      assertTrue(scraped.contains("s{instance=\"\",job=\"small\"} 1"), "node " + i);
    }
  }

  /** {@code n} untyped families of one sample each: the largest command per byte of text. */
  private static String families(int n) {
    StringBuilder text = new StringBuilder(n * 10);
    for (int i = 0; i < n; i++) {
      text.append('m').append(i).append(" 1\n");
    }
    return text.toString();
  }
}
