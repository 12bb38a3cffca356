package pgw.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay for one directed peer link: the connections node {@code from} opens to node {@code
 * to}'s Raft port. Each direction of the byte stream has a gate; a closed gate stalls the bytes
 * (the pump stops reading, so TCP back-pressure builds up as it would behind a dropping firewall)
 * until it opens again. Nothing is lost or reordered: healing a cut delivers what was held back,
 * exactly as TCP retransmission would after a real partition heals.
 */
final class Relay implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Gate forward = new Gate();
  private final Gate backward = new Gate();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  Relay(InetAddress listen, int port, InetSocketAddress target) throws IOException {
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(listen, port), 128);
    this.target = target;
    Thread.ofVirtual().name("relay-accept-" + listen.getHostAddress()).start(this::accept);
  }

  /** Bytes from the connecting node to its peer. */
  Gate forward() {
    return forward;
  }

  /** Bytes from the peer back to the connecting node. */
  Gate backward() {
    return backward;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        Socket out = new Socket();
        try {
          out.connect(target, 2_000);
        } catch (IOException e) {
          // The peer is down: refuse, as its port would.
          in.close();
          out.close();
          continue;
        }
        in.setTcpNoDelay(true);
        out.setTcpNoDelay(true);
        sockets.add(in);
        sockets.add(out);
        pump(in, out, forward);
        pump(out, in, backward);
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private void pump(Socket source, Socket sink, Gate gate) {
    Thread.ofVirtual()
        .name("relay-pump")
        .start(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = source.getInputStream();
                  OutputStream out = sink.getOutputStream()) {
                int n;
                while (gate.awaitOpen() && (n = in.read(buffer)) >= 0) {
                  gate.awaitOpen();
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // one side closed or reset: close both, as an end-to-end connection would
              } finally {
                closeQuietly(source);
                closeQuietly(sink);
              }
            });
  }

  private void closeQuietly(Socket s) {
    sockets.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    forward.open();
    backward.open();
    server.close();
    sockets.forEach(this::closeQuietly);
  }

  /** Open lets bytes through; closed holds them back. */
  static final class Gate {
    private boolean open = true;

    synchronized void open() {
      open = true;
      notifyAll();
    }

    synchronized void close() {
      open = false;
    }

    synchronized boolean isOpen() {
      return open;
    }

    synchronized boolean awaitOpen() throws InterruptedException {
      while (!open) {
        wait();
      }
      return true;
    }
  }
}
