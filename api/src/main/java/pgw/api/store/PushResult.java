package pgw.api.store;

/** The outcome of a push, decided by the store alone so that every replica reaches the same one. */
public sealed interface PushResult {
  Accepted ACCEPTED = new Accepted();

  record Accepted() implements PushResult {}

  /**
   * The store refused the push and recorded the failure on the group. {@code reason} is the text
   * after the Pushgateway's prefix {@code pushed metrics are invalid or inconsistent with existing
   * metrics: }.
   */
  record Rejected(String reason) implements PushResult {}
}
