package pgw.api;

/**
 * A push or delete URL that names no valid grouping key; the message is the Pushgateway's 400 body
 * (§1.3), except for the UTF-8 rule of decision D2, which upstream does not have.
 */
public final class InvalidGroupingKeyException extends IllegalArgumentException {
  public InvalidGroupingKeyException(String message) {
    super(message);
  }
}
