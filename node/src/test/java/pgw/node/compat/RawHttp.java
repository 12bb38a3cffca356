package pgw.node.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client would send (bad escapes, raw
 * bytes in the request line, odd headers). One request per connection.
 */
final class RawHttp {
  record Response(int status, String head, byte[] body) {}

  private RawHttp() {}

  static Response exchange(int port, byte[] request, boolean head) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
      while (!endsWithBlankLine(headBytes)) {
        int b = in.read();
        if (b < 0) {
          throw new IOException(
              "connection closed before a full response head: "
                  + Http.GoQuoted.of(headBytes.toString(StandardCharsets.ISO_8859_1)));
        }
        headBytes.write(b);
      }
      String text = headBytes.toString(StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.1 ")) {
        throw new IOException("not an HTTP response: " + Http.GoQuoted.of(text));
      }
      String lower = text.toLowerCase(Locale.ROOT);
      int status = Integer.parseInt(text.substring(9, 12));
      byte[] body;
      int cl = lower.indexOf("\r\ncontent-length:");
      if (head || status == 204 || status == 304) {
        body = new byte[0];
      } else if (cl >= 0) {
        int n = Integer.parseInt(lower.substring(cl + 17, lower.indexOf("\r\n", cl + 2)).strip());
        body = in.readNBytes(n);
      } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
        body = dechunk(in);
      } else {
        body = in.readAllBytes();
      }
      return new Response(status, text, body);
    }
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream b) {
    byte[] a = b.toByteArray();
    int n = a.length;
    return n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n';
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String line = readLine(in);
      int size = Integer.parseInt(line.split(";")[0].strip(), 16);
      if (size == 0) {
        readLine(in);
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
