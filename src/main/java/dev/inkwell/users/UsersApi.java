package dev.inkwell.users;

import dev.inkwell.auth.Authenticator;
import dev.inkwell.auth.RefreshCookie;
import dev.inkwell.auth.SignIns;
import dev.inkwell.platform.ClientAddress;
import dev.inkwell.platform.JsonBodies;
import dev.inkwell.platform.JsonInput;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.Routes;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Registration, sign-in and the current user: {@code /api/users}, {@code /api/user}. */
public final class UsersApi implements HttpService {

    private final UserService users;
    private final SignIns signIns;
    private final RefreshCookie refreshCookie;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final ClientAddress clientAddress;

    public UsersApi(UserService users, SignIns signIns, RefreshCookie refreshCookie, Authenticator authenticator,
                    RateLimiter rateLimiter, ClientAddress clientAddress) {
        this.users = users;
        this.signIns = signIns;
        this.refreshCookie = refreshCookie;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.clientAddress = clientAddress;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "/api")
                .post("/users", this::register)
                .post("/users/login", this::login)
                .get("/user", this::current)
                .put("/user", this::update)
                .rejectOtherMethods();
    }

    private void register(ServerRequest req, ServerResponse res) {
        rateLimiter.checkSignIn("register", "ip:" + clientAddress.of(req));
        User user = users.register(JsonBodies.read(req, "user"));
        signedIn(req, res, Status.CREATED_201, user);
    }

    private void login(ServerRequest req, ServerResponse res) {
        JsonInput input = JsonBodies.read(req, "user");
        String email = input.string("email");
        rateLimiter.checkSignIn("login", "ip:" + clientAddress.of(req),
                          "account:" + (email == null ? "" : email.strip().toLowerCase()));
        signedIn(req, res, Status.OK_200, users.login(input));
    }

    private void current(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        User user = users.get(userId);
        JsonBodies.send(res, Status.OK_200, UserJson.of(user, signIns.accessToken(userId), null));
    }

    private void update(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        User user = users.update(userId, JsonBodies.read(req, "user"));
        JsonBodies.send(res, Status.OK_200, UserJson.of(user, signIns.accessToken(userId), null));
    }

    private void signedIn(ServerRequest req, ServerResponse res, Status status, User user) {
        SignIns.Tokens tokens = signIns.signIn(user.id());
        if (tokens.refreshToken() != null) {
            refreshCookie.set(req, res, tokens.refreshToken());
        }
        JsonBodies.send(res, status, UserJson.of(user, tokens.accessToken(), tokens.refreshToken()));
    }
}
