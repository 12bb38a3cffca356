package pgw.node.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.snappy.SnappyFramedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push bodies: Content-Encoding gzip (any case) and framed snappy, Go's error texts (Pushgateway
 * §2.3, C37, M09-M13), empty bodies (§2.5), and the limits of decision D19 on a node whose body
 * limit is 4 KiB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodiesIT {
  private static final long LIMIT = 4096;

  SingleNode gateway;
  Probe http;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    gateway = new SingleNode(dir, c -> c.withWeb("", false, true, LIMIT));
    http = gateway.http;
  }

  @AfterAll
  void stop() throws IOException {
    gateway.close();
  }

  @Test
  void gzipBodiesAreDecodedWhateverTheCaseOfTheHeader() throws IOException {
    for (String coding : new String[] {"gzip", "GZIP", "Gzip"}) {
      String job = "gz" + coding;
      var a = http.send("PUT", "/metrics/job/" + job, gzip("c37 42\n"), "Content-Encoding", coding);
      assertEquals(200, a.status(), a.toString());
      assertTrue(http.metrics().contains("c37{instance=\"\",job=\"" + job + "\"} 42\n"));
    }
  }

  @Test
  void brokenGzipIs400WithGosMessage() throws IOException {
    assertEquals("unexpected EOF\n", gzipPut("c37 1\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("gzip: invalid header\n", gzipPut("c37 1\nc37_more 2\n".getBytes()));
    assertEquals("EOF\n", gzipPut(new byte[0]));
    byte[] whole = gzip("c37_cut 1\n".repeat(20));
    assertEquals("unexpected EOF\n", gzipPut(Arrays.copyOf(whole, whole.length - 12)));
    assertFalse(http.metrics().contains("job=\"gzbad\""), "nothing was stored");
  }

  @Test
  void otherContentEncodingsAreIgnored() {
    for (String coding : new String[] {"deflate", "identity", "br"}) {
      var a = http.send("PUT", "/metrics/job/raw_" + coding, "raw 1\n", "Content-Encoding", coding);
      assertEquals(200, a.status(), coding + ": " + a);
    }
    var get = http.get("/-/healthy", "Content-Encoding", "gzip");
    assertEquals(200, get.status(), "decision D7: no body, nothing to decode");
  }

  @Test
  void framedSnappyBodiesAreDecoded() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new SnappyFramedOutputStream(bytes)) {
      out.write("snappy_pushed 7\n".getBytes(StandardCharsets.UTF_8));
    }
    var a =
        http.send("PUT", "/metrics/job/snap", bytes.toByteArray(), "Content-Encoding", "snappy");
    assertEquals(200, a.status(), a.toString());
    assertTrue(http.metrics().contains("snappy_pushed{instance=\"\",job=\"snap\"} 7\n"));

    var broken =
        http.send("PUT", "/metrics/job/snapbad", "snappy_pushed 7\n", "Content-Encoding", "snappy");
    assertEquals(400, broken.status());
    assertEquals("snappy: corrupt input\n", broken.body());
  }

  @Test
  void anEmptyBodyIsAPushOfNothing() {
    assertEquals(200, http.put("/metrics/job/empty", "e1 1\n").status());
    assertEquals(200, http.send("POST", "/metrics/job/empty", (byte[]) null).status());
    assertTrue(http.metrics().contains("e1{instance=\"\",job=\"empty\"} 1\n"), "POST kept it");
    assertEquals(200, http.send("PUT", "/metrics/job/empty", (byte[]) null).status());
    String scraped = http.metrics();
    assertFalse(scraped.contains("e1{"), "PUT replaced the group");
    assertTrue(scraped.contains("push_time_seconds{instance=\"\",job=\"empty\"}"));
  }

  @Test
  void bodiesPastTheLimitAre413AndChangeNothing() throws IOException {
    String big = "big_family 1\n" + "# padding\n".repeat((int) LIMIT / 10);
    var plain = http.put("/metrics/job/big", big);
    assertEquals(413, plain.status(), plain.toString());
    assertTrue(plain.body().startsWith("request body larger than 4096 bytes"), plain.body());

    // A small gzip body that inflates past the limit: the limit holds after decompression.
    byte[] bomb = gzip(big);
    assertTrue(bomb.length < LIMIT);
    var inflated = http.send("PUT", "/metrics/job/big", bomb, "Content-Encoding", "gzip");
    assertEquals(413, inflated.status(), inflated.toString());
    assertFalse(http.metrics().contains("big_family"));

    var fits =
        http.send("PUT", "/metrics/job/big", gzip("big_family 1\n"), "Content-Encoding", "gzip");
    assertEquals(200, fits.status());
  }

  @Test
  void urlsUpTo64KiBAreAcceptedAndLongerOnes414() {
    String value = "v".repeat(60 * 1024);
    var fits = http.put("/metrics/job/long/l/" + value, "long_url 1\n");
    assertEquals(200, fits.status());
    var tooLong = http.put("/metrics/job/long/l/" + value + "v".repeat(8 * 1024), "long_url 1\n");
    assertEquals(414, tooLong.status());
    assertEquals(200, http.get("/-/healthy").status());
  }

  private String gzipPut(byte[] body) {
    var a = http.send("PUT", "/metrics/job/gzbad", body, "Content-Encoding", "gzip");
    assertEquals(400, a.status(), a.toString());
    return a.body();
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
