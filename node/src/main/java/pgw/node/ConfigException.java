package pgw.node;

/** A setting that is missing, malformed or inconsistent: the node refuses to start. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
