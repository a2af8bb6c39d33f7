package dev.inkwell.platform;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

/**
 * Cross-origin access to the JSON API, in one place. Only the configured origins (exact matches,
 * never a wildcard, since credentials are allowed) get CORS headers, on every response including
 * errors, so a frontend on another origin can read what went wrong. Preflights are answered here.
 */
public final class Cors implements Filter {

    private static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Requested-With, X-Request-Id";
    private static final String EXPOSED_HEADERS = "Retry-After, X-Request-Id";
    private static final String MAX_AGE_SECONDS = "600";

    private final Set<String> allowedOrigins;

    public Cors(Set<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(Origins::normalize).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.prologue().uriPath().rawPath().startsWith("/api")) {
            chain.proceed();
            return;
        }
        StickyHeaders.set(req, res, HeaderNames.VARY, "Origin");
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        boolean allowed = origin.isPresent() && allowedOrigins.contains(Origins.normalize(origin.get()));
        boolean preflight = req.prologue().method() == Method.OPTIONS && req.headers().contains(REQUEST_METHOD);
        if (preflight) {
            if (allowed) {
                allow(req, res, origin.get());
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
                res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
                res.status(Status.NO_CONTENT_204).send();
            } else {
                ErrorMapper.send(res, ApiException.forbidden("origin not allowed"));
            }
            return;
        }
        if (allowed) {
            allow(req, res, origin.get());
            StickyHeaders.set(req, res, HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        chain.proceed();
    }

    /**
     * True when a browser request may act with the user's cookies: it names no origin (not a
     * browser, or a same-origin navigation), its own origin, or an allowed one.
     */
    public boolean mayUseCookies(ServerRequest req) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            return true;
        }
        String normalized = Origins.normalize(origin.get());
        return allowedOrigins.contains(normalized) || normalized.equals(Origins.of(req));
    }

    private static void allow(RoutingRequest req, RoutingResponse res, String origin) {
        StickyHeaders.set(req, res, HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        StickyHeaders.set(req, res, HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
}
