package pgw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Dispatches requests the way upstream's stack of Go {@code ServeMux} and httprouter does
 * (Pushgateway §1.1), so that clients see the same answers for every URL that is not a route: a
 * non-canonical path is redirected (301), a path that only matches with or without its trailing
 * slash is redirected (301 for GET, 307 otherwise), {@code OPTIONS} on a known path answers 200
 * with {@code Allow}, a known path with the wrong method 405 with {@code Allow}, anything else 404
 * {@code 404 page not found}. {@code HEAD} is never mapped to {@code GET}.
 *
 * <p>Paths are matched after percent-decoding, as upstream matches them.
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();

  /** A path pattern: one exact path, or every path below a prefix. */
  public sealed interface Pattern {
    boolean matches(String path);

    /** The path to redirect to when {@code path} only misses this pattern by a trailing slash. */
    Optional<String> trailingSlashRedirect(String path);

    /** The path to redirect to when {@code path} only misses this pattern by letter case. */
    Optional<String> caseRedirect(String path);
  }

  /** Exactly {@code path}. */
  public record Exact(String path) implements Pattern {
    @Override
    public boolean matches(String p) {
      return path.equals(p);
    }

    @Override
    public Optional<String> trailingSlashRedirect(String p) {
      if (p.equals(path + "/") || (path.endsWith("/") && (p + "/").equals(path))) {
        return Optional.of(path);
      }
      return Optional.empty();
    }

    @Override
    public Optional<String> caseRedirect(String p) {
      return path.equalsIgnoreCase(p) ? Optional.of(path) : Optional.empty();
    }
  }

  /**
   * Every path that starts with {@code prefix} (which ends with {@code /}); with {@code
   * segmentRequired}, only if a non-empty segment follows, like httprouter's {@code
   * /prefix/:param/*rest}. Then the bare prefix redirects to itself without the slash, as
   * httprouter recommends even though nothing is routed there (case C45).
   */
  public record Below(String prefix, boolean segmentRequired) implements Pattern {
    @Override
    public boolean matches(String p) {
      if (!p.startsWith(prefix)) {
        return false;
      }
      return !segmentRequired || (p.length() > prefix.length() && p.charAt(prefix.length()) != '/');
    }

    @Override
    public Optional<String> trailingSlashRedirect(String p) {
      if (segmentRequired && p.equals(prefix)) {
        return Optional.of(prefix.substring(0, prefix.length() - 1));
      }
      return Optional.empty();
    }

    /** Only the fixed prefix is corrected; what follows it is the client's (values have case). */
    @Override
    public Optional<String> caseRedirect(String p) {
      if (p.length() < prefix.length() || !p.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return Optional.empty();
      }
      String fixed = prefix + p.substring(prefix.length());
      return matches(fixed) ? Optional.of(fixed) : Optional.empty();
    }
  }

  private record Route(Method method, Pattern pattern, Handler handler) {}

  public Router add(Method method, Pattern pattern, Handler handler) {
    routes.add(new Route(method, pattern, handler));
    return this;
  }

  public void handle(ServerRequest req, ServerResponse res) throws Exception {
    String raw = req.path().rawPath();
    String path = PathCleaner.decode(raw);
    String clean = PathCleaner.clean(path);
    Method method = req.prologue().method();
    if (!clean.equals(path)) {
      redirect(req, res, Status.MOVED_PERMANENTLY_301, clean);
      return;
    }
    for (Route r : routes) {
      if (r.method.equals(method) && r.pattern.matches(path)) {
        r.handler.handle(req, res);
        return;
      }
    }
    if (!path.equals("/")) {
      // httprouter's RedirectTrailingSlash, then RedirectFixedPath (only letter case is left to
      // fix: the path is clean already).
      Optional<String> target = redirectTarget(method, path, Pattern::trailingSlashRedirect);
      if (target.isEmpty()) {
        target = redirectTarget(method, path, Pattern::caseRedirect);
      }
      if (target.isPresent()) {
        Status status =
            method.equals(Method.GET)
                ? Status.MOVED_PERMANENTLY_301
                : Status.TEMPORARY_REDIRECT_307;
        redirect(req, res, status, target.get());
        return;
      }
    }
    String allow = allowed(path, method);
    if (allow.isEmpty()) {
      TextResponses.error(res, Status.NOT_FOUND_404, "404 page not found");
    } else if (method.equals(Method.OPTIONS)) {
      res.header(HeaderNames.ALLOW, allow);
      res.status(Status.OK_200).send();
    } else {
      res.header(HeaderNames.ALLOW, allow);
      TextResponses.error(res, Status.METHOD_NOT_ALLOWED_405, "Method Not Allowed");
    }
  }

  private Optional<String> redirectTarget(
      Method method, String path, BiFunction<Pattern, String, Optional<String>> rule) {
    for (Route r : routes) {
      if (r.method.equals(method)) {
        Optional<String> target = rule.apply(r.pattern, path);
        if (target.isPresent()) {
          return target;
        }
      }
    }
    return Optional.empty();
  }

  /** httprouter's {@code Allow}: the other methods routed at this path, plus OPTIONS, sorted. */
  private String allowed(String path, Method method) {
    TreeSet<String> methods = new TreeSet<>();
    for (Route r : routes) {
      if (!r.method.equals(method) && !r.method.equals(Method.OPTIONS) && r.pattern.matches(path)) {
        methods.add(r.method.text());
      }
    }
    if (!methods.isEmpty()) {
      methods.add(Method.OPTIONS.text());
    }
    return String.join(", ", methods);
  }

  private static void redirect(
      ServerRequest req, ServerResponse res, Status status, String decodedPath) {
    String location = PathCleaner.escape(decodedPath);
    String query = req.query().rawValue();
    if (!query.isEmpty()) {
      location += "?" + query;
    }
    res.header(HeaderNames.LOCATION, location);
    res.status(status);
    if (req.prologue().method().equals(Method.GET)) {
      // Go's http.Redirect writes a short HTML note for GET.
      res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
      res.send("<a href=\"" + location + "\">" + status.reasonPhrase() + "</a>.\n\n");
    } else {
      res.send();
    }
  }
}
