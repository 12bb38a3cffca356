package pgw.api.protobuf;

/** A protobuf push body that cannot be read; the message is the 400 body (Pushgateway §2.4). */
public final class ProtobufParseException extends IllegalArgumentException {
  public ProtobufParseException(String message) {
    super(message);
  }
}
