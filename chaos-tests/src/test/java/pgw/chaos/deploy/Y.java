package pgw.chaos.deploy;

import java.util.List;
import java.util.Map;

/** Dotted-path access into parsed YAML, failing with the path when something is missing. */
final class Y {
  private Y() {}

  static Object get(Map<String, Object> root, String path) {
    Object at = root;
    for (String key : path.split("\\.")) {
      if (!(at instanceof Map<?, ?> m) || !m.containsKey(key)) {
        throw new AssertionError("no " + path + " (stopped at " + key + ") in " + root);
      }
      at = m.get(key);
    }
    return at;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  static Map<String, Object> map(Map<String, Object> root, String path) {
    return cast(get(root, path));
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> list(Map<String, Object> root, String path) {
    return (List<T>) get(root, path);
  }

  static String string(Map<String, Object> root, String path) {
    return String.valueOf(get(root, path));
  }

  static int integer(Map<String, Object> root, String path) {
    return ((Number) get(root, path)).intValue();
  }
}
