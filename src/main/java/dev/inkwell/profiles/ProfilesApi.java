package dev.inkwell.profiles;

import dev.inkwell.auth.Authenticator;
import dev.inkwell.platform.JsonBodies;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.Routes;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Profiles and follows: {@code /api/profiles}. */
public final class ProfilesApi implements HttpService {

    private final ProfileService profiles;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;

    public ProfilesApi(ProfileService profiles, Authenticator authenticator, RateLimiter rateLimiter) {
        this.profiles = profiles;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "/api")
                .get("/profiles/{username}", this::get)
                .post("/profiles/{username}/follow", this::follow)
                .delete("/profiles/{username}/follow", this::unfollow)
                .rejectOtherMethods();
    }

    private void get(ServerRequest req, ServerResponse res) {
        long viewer = authenticator.optionalUser(req).orElse(0);
        send(res, profiles.get(username(req), viewer));
    }

    private void follow(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        send(res, profiles.follow(username(req), userId));
    }

    private void unfollow(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        send(res, profiles.unfollow(username(req), userId));
    }

    private static String username(ServerRequest req) {
        return req.path().pathParameters().get("username");
    }

    private static void send(ServerResponse res, Profile profile) {
        JsonBodies.send(res, Status.OK_200, profile.toDocument());
    }
}
