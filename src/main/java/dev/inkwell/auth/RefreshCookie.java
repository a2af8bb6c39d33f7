package dev.inkwell.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The refresh token as an HttpOnly cookie scoped to {@code /api/auth}, so browsers send it only
 * to the refresh and sign-out endpoints and scripts can never read it. When it is Secure it is
 * named with the {@code __Secure-} prefix, which browsers accept only from secure origins and with
 * the Secure flag, so a plain-HTTP response or a script cannot plant one. Both names are read, so
 * cookies set before the prefix was used keep working until they are replaced.
 */
public final class RefreshCookie {

    static final String NAME = "inkwell_refresh";
    static final String SECURE_NAME = "__Secure-inkwell_refresh";
    private static final String PATH = "/api/auth";

    private final String secure;
    private final SetCookie.SameSite sameSite;
    private final Clock clock;

    public RefreshCookie(String secure, String sameSite, Clock clock) {
        this.secure = secure;
        this.sameSite = SetCookie.SameSite.valueOf(sameSite.toUpperCase());
        this.clock = clock;
    }

    public Optional<String> read(ServerRequest request) {
        var cookies = request.headers().cookies();
        return cookies.first(SECURE_NAME).filter(v -> !v.isBlank())
                .or(() -> cookies.first(NAME).filter(v -> !v.isBlank()));
    }

    /** Sets the token, to live until its sign-in ends. */
    public void set(ServerRequest request, ServerResponse response, String token, Instant expiresAt) {
        long age = Math.max(0, expiresAt.getEpochSecond() - clock.instant().getEpochSecond());
        boolean secureCookie = isSecure(request);
        response.headers().addCookie(builder(secureCookie ? SECURE_NAME : NAME, token, secureCookie)
                                             .maxAge(Duration.ofSeconds(age)).build());
        if (secureCookie) {
            expire(response, NAME, true);
        }
    }

    /** Tells the browser to drop the cookie (under either name): an expiry in the past. */
    public void clear(ServerRequest request, ServerResponse response) {
        boolean secureCookie = isSecure(request);
        expire(response, secureCookie ? SECURE_NAME : NAME, secureCookie);
        if (secureCookie) {
            expire(response, NAME, true);
        }
    }

    private void expire(ServerResponse response, String name, boolean secureCookie) {
        response.headers().addCookie(builder(name, "", secureCookie).expires(Instant.EPOCH).build());
    }

    private SetCookie.Builder builder(String name, String value, boolean secureCookie) {
        return SetCookie.builder(name, value)
                .path(PATH)
                .httpOnly(true)
                .sameSite(sameSite)
                .secure(secureCookie);
    }

    /** SameSite=None needs Secure; otherwise follow the setting or, on auto, the request's scheme. */
    private boolean isSecure(ServerRequest request) {
        if (sameSite == SetCookie.SameSite.NONE || secure.equals("true")) {
            return true;
        }
        return secure.equals("auto")
                && (request.isSecure() || "https".equals(request.requestedUri().scheme()));
    }
}
