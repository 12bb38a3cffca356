package pgw.api;

/** How a push changes its group (Pushgateway §3.3, §3.4). */
public enum PushMode {
  /** PUT: every family of the group is replaced by the pushed ones. */
  REPLACE_GROUP,
  /** POST: only the families with a pushed name are replaced, each as a whole. */
  REPLACE_SAME_NAMES
}
