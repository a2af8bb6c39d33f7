package dev.inkwell.users;

import dev.inkwell.auth.Authenticator;
import dev.inkwell.auth.RefreshCookie;
import dev.inkwell.auth.SignIns;
import dev.inkwell.platform.ClientAddress;
import dev.inkwell.platform.JsonBodies;
import dev.inkwell.platform.JsonInput;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.Routes;
import dev.inkwell.web.Sessions;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Registration, sign-in and the current user: {@code /api/users}, {@code /api/user}. */
public final class UsersApi implements HttpService {

    private final UserService users;
    private final SignInAttempts signInAttempts;
    private final SignIns signIns;
    private final Sessions sessions;
    private final RefreshCookie refreshCookie;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final ClientAddress clientAddress;

    public UsersApi(UserService users, SignInAttempts signInAttempts, SignIns signIns, Sessions sessions,
                    RefreshCookie refreshCookie, Authenticator authenticator, RateLimiter rateLimiter,
                    ClientAddress clientAddress) {
        this.users = users;
        this.signInAttempts = signInAttempts;
        this.signIns = signIns;
        this.sessions = sessions;
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
        rateLimiter.checkSignIn("register", "ip:" + clientAddress.limitKey(req));
        JsonInput input = JsonBodies.read(req, "user");
        NewUser newUser = new NewUser(input.string("username"), input.string("email"), input.string("password"));
        input.check();
        User user = users.register(newUser);
        signedIn(req, res, Status.CREATED_201, user);
    }

    private void login(ServerRequest req, ServerResponse res) {
        JsonInput input = JsonBodies.read(req, "user");
        Credentials credentials = new Credentials(input.string("email"), input.string("password"));
        input.check();
        User user = signInAttempts.login(credentials, clientAddress.limitKey(req));
        signedIn(req, res, Status.OK_200, user);
    }

    private void current(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        User user = users.get(userId);
        JsonBodies.send(res, Status.OK_200, UserJson.of(user, signIns.accessToken(userId), null));
    }

    /**
     * A new password or e-mail address ends every sign-in of the user, on the API and the pages;
     * the caller gets a new token pair in their place.
     */
    private void update(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        JsonInput input = JsonBodies.read(req, "user");
        UserChanges changes = new UserChanges(input.change("username"), input.change("email"), input.change("bio"),
                                              input.change("image"), input.string("password"),
                                              input.string("currentPassword"));
        input.check();
        UserService.AccountChange change = users.change(userId, changes);
        if (!change.credentialsChanged()) {
            User user = users.save(change);
            JsonBodies.send(res, Status.OK_200, UserJson.of(user, signIns.accessToken(userId), null));
            return;
        }
        signIns.requireRevocable();
        User user = users.save(change);
        signIns.revokeAll(userId);
        sessions.endAllSessions(userId);
        signedIn(req, res, Status.OK_200, user);
    }

    private void signedIn(ServerRequest req, ServerResponse res, Status status, User user) {
        SignIns.Tokens tokens = signIns.signIn(user.id());
        if (tokens.refreshToken() != null) {
            refreshCookie.set(req, res, tokens.refreshToken(), tokens.refreshExpiresAt());
        }
        JsonBodies.send(res, status, UserJson.of(user, tokens.accessToken(), tokens.refreshToken()));
    }
}
