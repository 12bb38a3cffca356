package pgw.raft.codec;

import java.io.IOException;

/** Bytes that are not a valid encoding: truncated, corrupt, or of an unknown version. */
public final class CodecException extends IOException {
  public CodecException(String message) {
    super(message);
  }
}
