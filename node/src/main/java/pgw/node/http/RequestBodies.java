package pgw.node.http;

import io.airlift.compress.snappy.SnappyFramedInputStream;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a push body, undoing its {@code Content-Encoding} as upstream does (Pushgateway §2.3): the
 * value, in any case, {@code gzip} or framed {@code snappy}; any other value is ignored and the
 * body read as it is. Decoding errors are 400 with Go's texts where they are known. The decoded
 * body may not exceed the configured limit (decision D19: 413).
 */
final class RequestBodies {
  private static final int GZIP_HEADER = 10;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int DEFLATE = 8;

  private RequestBodies() {}

  static byte[] read(ServerRequest req, long maxBytes) {
    long declared = req.headers().contentLength().orElse(-1);
    if (declared > maxBytes) {
      throw new BodyTooLargeException(maxBytes);
    }
    byte[] wire;
    try (InputStream in = req.content().inputStream()) {
      wire = readAtMost(in, maxBytes);
    } catch (IOException | UncheckedIOException e) {
      throw new BodyDecodingException("error reading the request body: " + e.getMessage());
    }
    String encoding =
        req.headers()
            .first(HeaderNames.CONTENT_ENCODING)
            .map(v -> v.trim().toLowerCase(Locale.ROOT))
            .orElse("");
    return switch (encoding) {
      case "gzip" -> gunzip(wire, maxBytes);
      case "snappy" -> unsnappy(wire, maxBytes);
      default -> wire;
    };
  }

  /** Go's gzip.NewReader reads the 10-byte header first and answers with these texts. */
  static byte[] gunzip(byte[] wire, long maxBytes) {
    if (wire.length == 0) {
      throw new BodyDecodingException("EOF");
    }
    if (wire.length < GZIP_HEADER) {
      throw new BodyDecodingException("unexpected EOF");
    }
    if ((wire[0] & 0xff) != GZIP_MAGIC_1
        || (wire[1] & 0xff) != GZIP_MAGIC_2
        || wire[2] != DEFLATE) {
      throw new BodyDecodingException("gzip: invalid header");
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
      return readAtMost(in, maxBytes);
    } catch (EOFException e) {
      throw new BodyDecodingException("unexpected EOF");
    } catch (ZipException e) {
      String message = String.valueOf(e.getMessage());
      throw new BodyDecodingException(
          message.contains("CRC") || message.contains("size")
              ? "gzip: invalid checksum"
              : "flate: corrupt input (" + message + ")");
    } catch (IOException e) {
      throw new BodyDecodingException("gzip: " + e.getMessage());
    }
  }

  /** The framing format of golang/snappy's {@code snappy.NewReader}, checksums verified. */
  static byte[] unsnappy(byte[] wire, long maxBytes) {
    try (InputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(wire), true)) {
      return readAtMost(in, maxBytes);
    } catch (BodyTooLargeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // golang/snappy reports every malformed stream as ErrCorrupt.
      throw new BodyDecodingException("snappy: corrupt input");
    }
  }

  private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** The body could not be decoded; the message is the whole 400 answer. */
  static final class BodyDecodingException extends RuntimeException {
    BodyDecodingException(String message) {
      super(message, null, false, false);
    }
  }

  /** The (decoded) body is larger than {@code --web.max-body-size}: 413. */
  static final class BodyTooLargeException extends RuntimeException {
    BodyTooLargeException(long maxBytes) {
      super(
          "request body larger than "
              + maxBytes
              + " bytes (after decompression); see --web.max-body-size",
          null,
          false,
          false);
    }
  }
}
