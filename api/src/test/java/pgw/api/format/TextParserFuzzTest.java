package pgw.api.format;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import pgw.api.MetricFamily;

/** No body, however mangled, makes the parser (or writing its result) fail other than by design. */
class TextParserFuzzTest {
  private static final String[] SEEDS = {
    "# HELP s A summary.\n# TYPE s summary\ns{a=\"x\",quantile=\"0.5\"} 1.5\n"
        + "s_sum{a=\"x\"} 10\ns_count{a=\"x\"} 4\n",
    "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 4\nh_sum 5.5\nh_count 4\n",
    "# TYPE g gaugehistogram\ng_bucket{le=\"2\"} 3\ng_count 3\ng_sum 1e3\n",
    "m{a=\"b\\\\\\\"\\n\",c=\"Björn\"} -Inf 1000\nother NaN\n# comment\n\n m 2\n",
    "# TYPE om counter\nom_total 3\n# EOF\n",
  };
  private static final byte[] INTERESTING =
      "{}\",=\\\n #\t\r_.:+-eE0123456789leqnaIN\u00ff".getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void parsesOrRejectsEveryMutatedBody() {
    Random random = new Random(7_2024);
    for (int i = 0; i < 4000; i++) {
      byte[] body = mutate(SEEDS[i % SEEDS.length].getBytes(StandardCharsets.UTF_8), random);
      check(body);
    }
  }

  @Test
  void parsesOrRejectsRandomBytes() {
    Random random = new Random(99);
    for (int i = 0; i < 1000; i++) {
      byte[] body = new byte[random.nextInt(64)];
      for (int k = 0; k < body.length; k++) {
        body[k] = random.nextBoolean() ? (byte) random.nextInt(256) : pick(random);
      }
      check(body);
    }
  }

  private static void check(byte[] body) {
    List<MetricFamily> families;
    try {
      families = TextParser.parse(body);
    } catch (ParseException expected) {
      return;
    } catch (RuntimeException | Error e) {
      throw new AssertionError("parser threw on " + quote(body), e);
    }
    try {
      TextWriter.write(families, new ByteArrayOutputStream());
    } catch (IOException | RuntimeException e) {
      fail("writer threw on families of " + quote(body), e);
    }
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] b = seed.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(4)) {
        case 0 -> b[at] = pick(random);
        case 1 -> b[at] = (byte) random.nextInt(256);
        case 2 -> b = splice(b, at, new byte[] {pick(random)});
        default -> b = java.util.Arrays.copyOf(b, at);
      }
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, byte[] insert) {
    byte[] out = new byte[b.length + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at, out, at + insert.length, b.length - at);
    return out;
  }

  private static byte pick(Random random) {
    return INTERESTING[random.nextInt(INTERESTING.length)];
  }

  private static String quote(byte[] body) {
    return GoText.quote(body, 0, body.length);
  }
}
