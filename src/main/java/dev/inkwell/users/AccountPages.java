package dev.inkwell.users;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.inkwell.auth.SignIns;
import dev.inkwell.platform.DomainException;
import dev.inkwell.platform.ErrorMapper;
import dev.inkwell.platform.ClientAddress;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.Routes;
import dev.inkwell.web.Forms;
import dev.inkwell.web.PageException;
import dev.inkwell.web.Pages;
import dev.inkwell.web.Session;
import dev.inkwell.web.Sessions;
import dev.inkwell.web.Visitor;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Signing up, signing in and out, and account settings, as pages. */
public final class AccountPages implements HttpService {

    private final UserService users;
    private final SignInAttempts signInAttempts;
    private final SignIns signIns;
    private final Pages pages;
    private final Forms forms;
    private final Sessions sessions;
    private final RateLimiter rateLimiter;
    private final ClientAddress clientAddress;

    public AccountPages(UserService users, SignInAttempts signInAttempts, SignIns signIns, Pages pages, Forms forms,
                        Sessions sessions, RateLimiter rateLimiter, ClientAddress clientAddress) {
        this.users = users;
        this.signInAttempts = signInAttempts;
        this.signIns = signIns;
        this.pages = pages;
        this.forms = forms;
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.clientAddress = clientAddress;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "")
                .get("/login", this::loginForm)
                .post("/login", this::login)
                .get("/register", this::registerForm)
                .post("/register", this::register)
                .get("/settings", this::settingsForm)
                .post("/settings", this::settings)
                .post("/logout", this::logout);
    }

    private void loginForm(ServerRequest req, ServerResponse res) {
        showForm(req, res, "users/login");
    }

    /** The session starts here, once the credentials are right: showing the form starts none. */
    private void login(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        Parameters form = forms.readAnonymous(req, visitor);
        Credentials credentials = new Credentials(field(form, "email"), field(form, "password"));
        Map<String, Object> values = Map.of("email", form.first("email").orElse(""));
        try {
            User user = signInAttempts.login(credentials, clientAddress.limitKey(req));
            Session session = sessions.signIn(req, res, visitor.session(), user.id());
            pages.redirect(res, session, "/", "Welcome back, " + user.username() + ".");
        } catch (DomainException e) {
            showErrors(req, res, visitor, "users/login", values, e);
        }
    }

    private void registerForm(ServerRequest req, ServerResponse res) {
        showForm(req, res, "users/register");
    }

    private void register(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        Parameters form = forms.readAnonymous(req, visitor);
        Map<String, Object> values = Map.of("username", form.first("username").orElse(""),
                                            "email", form.first("email").orElse(""));
        try {
            rateLimiter.checkSignIn("register", "ip:" + clientAddress.limitKey(req));
            User user = users.register(new NewUser(field(form, "username"), field(form, "email"),
                                                   field(form, "password")));
            Session session = sessions.signIn(req, res, visitor.session(), user.id());
            pages.redirect(res, session, "/", "Welcome to Inkwell, " + user.username() + ".");
        } catch (DomainException e) {
            showErrors(req, res, visitor, "users/register", values, e);
        }
    }

    private void settingsForm(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        if (!visitor.signedIn()) {
            pages.redirect(res, "/login");
            return;
        }
        User user = users.get(visitor.userId());
        pages.render(req, res, visitor, "users/settings", values(user));
    }

    /**
     * Counts against the same per-user write limit as the API. A new password or e-mail address
     * needs the current password, and ends every other sign-in of the user (this session stays).
     */
    private void settings(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        Parameters form = forms.read(req, visitor);
        Session session = visitor.session().filter(Session::signedIn).orElseThrow(PageException::notSignedIn);
        // Password fields left empty change nothing.
        UserChanges changes = new UserChanges(field(form, "username"), field(form, "email"), field(form, "bio"),
                                              field(form, "image"), secret(form, "password"),
                                              secret(form, "currentPassword"));
        try {
            rateLimiter.checkWrite(session.userId());
            UserService.AccountChange change = users.change(session.userId(), changes);
            if (change.credentialsChanged()) {
                signIns.requireRevocable();
            }
            User user = users.save(change);
            if (change.credentialsChanged()) {
                signIns.revokeAll(user.id());
                sessions.endOtherSessions(user.id(), session.id());
            }
            pages.redirect(res, session, "/profile/" + user.username(), "Your settings are saved.");
        } catch (DomainException e) {
            Map<String, Object> values = new HashMap<>();
            for (String field : List.of("image", "username", "bio", "email")) {
                values.put(field, form.first(field).orElse(""));
            }
            showErrors(req, res, visitor, "users/settings", values, e);
        }
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        forms.read(req, visitor);
        visitor.session().ifPresent(session -> sessions.signOut(req, res, session));
        pages.redirect(res, "/");
    }

    /**
     * The sign-in or registration form. A visitor without a session gets none: the form carries a
     * signed token instead, and whether sessions could be started is asked of Redis directly.
     */
    private void showForm(ServerRequest req, ServerResponse res, String template) {
        Visitor visitor = pages.visitor(req);
        if (visitor.signedIn()) {
            pages.redirect(res, "/");
            return;
        }
        if (visitor.session().isEmpty() && visitor.sessionsAvailable() && !sessions.reachable()) {
            visitor = Visitor.anonymous(false);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("errors", Map.of());
        model.put("csrf", forms.token(req, res, visitor));
        pages.render(req, res, visitor, template, model);
    }

    /** The form again, with what was typed and a message next to each field that needs one. */
    private void showErrors(ServerRequest req, ServerResponse res, Visitor visitor, String template,
                            Map<String, Object> values, DomainException error) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("errors", error.errors());
        model.put("csrf", forms.token(req, res, visitor));
        error.retryAfterSeconds().ifPresent(seconds -> res.header("Retry-After", Long.toString(seconds)));
        // Wrong credentials are a form to fill in again, not a challenge to authenticate.
        Status status = error instanceof DomainException.Unauthenticated
                ? Status.UNPROCESSABLE_CONTENT_422
                : ErrorMapper.status(error);
        pages.render(req, res, status, visitor, template, model);
    }

    /** A field of the form; null when the form lacks it. */
    private static String field(Parameters form, String name) {
        return form.first(name).orElse(null);
    }

    /** A password field; null when left empty. */
    private static String secret(Parameters form, String name) {
        return form.first(name).filter(value -> !value.isEmpty()).orElse(null);
    }

    private static Map<String, Object> values(User user) {
        Map<String, Object> values = new HashMap<>();
        values.put("username", user.username());
        values.put("email", user.email());
        values.put("bio", user.bio() == null ? "" : user.bio());
        values.put("image", user.image() == null ? "" : user.image());
        values.put("errors", Map.of());
        return values;
    }
}
