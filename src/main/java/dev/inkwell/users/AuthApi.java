package dev.inkwell.users;

import java.util.Optional;

import dev.inkwell.auth.RefreshCookie;
import dev.inkwell.auth.SignIns;
import dev.inkwell.platform.ApiException;
import dev.inkwell.platform.Cors;
import dev.inkwell.platform.JsonBodies;
import dev.inkwell.platform.JsonInput;
import dev.inkwell.platform.Routes;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Refresh-token rotation and sign-out: {@code /api/auth}. */
public final class AuthApi implements HttpService {

    private final SignIns signIns;
    private final RefreshCookie refreshCookie;
    private final UserService users;
    private final Cors cors;

    public AuthApi(SignIns signIns, RefreshCookie refreshCookie, UserService users, Cors cors) {
        this.signIns = signIns;
        this.refreshCookie = refreshCookie;
        this.users = users;
        this.cors = cors;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "/api")
                .post("/auth/refresh", this::refresh)
                .post("/auth/logout", this::logout)
                .rejectOtherMethods();
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        requireTrustedOrigin(req);
        String presented = presentedToken(req)
                .orElseThrow(() -> ApiException.unauthorized("refresh token is missing"));
        SignIns.Tokens tokens = signIns.refresh(presented);
        refreshCookie.set(req, res, tokens.refreshToken(), tokens.refreshExpiresAt());
        JsonBodies.send(res, Status.OK_200,
                        UserJson.of(users.get(tokens.userId()), tokens.accessToken(), tokens.refreshToken()));
    }

    /** A used token works too: signing out with it still ends its sign-in. */
    private void logout(ServerRequest req, ServerResponse res) {
        requireTrustedOrigin(req);
        presentedToken(req).ifPresent(signIns::signOut);
        refreshCookie.clear(req, res);
        res.status(Status.NO_CONTENT_204).send();
    }

    /** These endpoints act on a cookie, so another site's page must not be able to call them. */
    private void requireTrustedOrigin(ServerRequest req) {
        if (!cors.mayUseCookies(req)) {
            throw ApiException.forbidden("origin not allowed");
        }
    }

    /** The token from the body ({@code {"refreshToken": "..."}}) for API clients, else from the cookie. */
    private Optional<String> presentedToken(ServerRequest req) {
        JsonInput body = JsonBodies.readOptional(req);
        String fromBody = body.string("refreshToken");
        body.check();
        if (fromBody != null && !fromBody.isBlank()) {
            return Optional.of(fromBody);
        }
        return refreshCookie.read(req);
    }
}
