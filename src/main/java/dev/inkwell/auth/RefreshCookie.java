package dev.inkwell.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The refresh token as an HttpOnly cookie scoped to {@code /api/auth}, so browsers send it only
 * to the refresh and sign-out endpoints and scripts can never read it.
 */
public final class RefreshCookie {

    static final String NAME = "inkwell_refresh";
    private static final String PATH = "/api/auth";

    private final Duration maxAge;
    private final String secure;
    private final SetCookie.SameSite sameSite;

    public RefreshCookie(Duration maxAge, String secure, String sameSite) {
        this.maxAge = maxAge;
        this.secure = secure;
        this.sameSite = SetCookie.SameSite.valueOf(sameSite.toUpperCase());
    }

    public Optional<String> read(ServerRequest request) {
        return request.headers().cookies().first(NAME).filter(v -> !v.isBlank());
    }

    public void set(ServerRequest request, ServerResponse response, String token) {
        response.headers().addCookie(cookie(request, token, maxAge));
    }

    /** Tells the browser to drop the cookie: an expiry in the past. */
    public void clear(ServerRequest request, ServerResponse response) {
        response.headers().addCookie(builder(request, "").expires(Instant.EPOCH).build());
    }

    private SetCookie cookie(ServerRequest request, String value, Duration age) {
        return builder(request, value).maxAge(age).build();
    }

    private SetCookie.Builder builder(ServerRequest request, String value) {
        return SetCookie.builder(NAME, value)
                .path(PATH)
                .httpOnly(true)
                .sameSite(sameSite)
                .secure(isSecure(request));
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
