package dev.inkwell.auth;

import java.util.OptionalLong;

import dev.inkwell.platform.ApiException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** Finds the signed-in user of an API request from its {@code Authorization: Token|Bearer <jwt>} header. */
public final class Authenticator {

    private final AccessTokens tokens;

    public Authenticator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** The user id, or empty for an anonymous request; a present but invalid token answers 401. */
    public OptionalLong optionalUser(ServerRequest request) {
        var header = request.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        String value = header.get().strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (space < 0 || !(scheme.equalsIgnoreCase("Token") || scheme.equalsIgnoreCase("Bearer"))) {
            throw ApiException.unauthorized("Authorization header must be 'Token <jwt>' or 'Bearer <jwt>'");
        }
        OptionalLong user = tokens.verify(value.substring(space + 1).strip());
        if (user.isEmpty()) {
            throw ApiException.unauthorized("token is invalid or expired");
        }
        return user;
    }

    /** The user id; answers 401 when the request is anonymous. */
    public long requireUser(ServerRequest request) {
        OptionalLong user = optionalUser(request);
        if (user.isEmpty()) {
            throw ApiException.unauthorized("sign in required");
        }
        return user.getAsLong();
    }
}
