package pgw.api.gateway;

/** Why the gateway did not apply a write or serve a read. */
public abstract sealed class GatewayException extends RuntimeException {

  private GatewayException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Nothing was done: no leader could be reached, or a read could not be confirmed in time. */
  public static final class Unavailable extends GatewayException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The write was sent but its outcome is unknown: it may or may not have been applied. */
  public static final class CommitUnknown extends GatewayException {
    public CommitUnknown(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The write cannot be replicated at all, however often it is retried; nothing was applied. */
  public static final class TooLarge extends GatewayException {
    public TooLarge(String message) {
      super(message, null);
    }
  }
}
