package dev.inkwell.web;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.FormClient;
import dev.inkwell.testing.MovableClock;
import dev.inkwell.testing.ServedApp;
import dev.inkwell.testing.TestApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account pages: sign-in and registration forms that start no session until they succeed,
 * the settings form's current password and write limit, and credential changes that end the
 * other sign-ins, on the pages and the API alike.
 */
@ServerTest
class AccountPagesTest {

    private static final MovableClock clock = MovableClock.startingNow();

    @RegisterExtension
    static final ServedApp app = new ServedApp(Map.of(), clock);

    private final Api api;
    private final String base;

    AccountPagesTest(URI uri) {
        this.api = new Api(uri);
        this.base = ServedApp.base(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void showingTheSignInAndRegistrationFormsStoresNothing() {
        long keys = redisKeys();
        FormClient returning = new FormClient(base);
        for (int i = 0; i < 20; i++) {
            for (String page : new String[] {"/login", "/register"}) {
                assertEquals(Status.OK_200.code(), new FormClient(base).get(page).statusCode());
                assertEquals(Status.OK_200.code(), returning.get(page).statusCode());
            }
        }
        assertEquals(keys, redisKeys(), "80 anonymous form pages added no key to Redis");
        assertNull(returning.cookie("inkwell_session"));

        HttpResponse<String> registered = returning.submit("/register", "/register", Map.of(
                "username", "formsonly", "email", "formsonly@x.test", "password", "formsonly-pw"));
        assertEquals(Status.SEE_OTHER_303.code(), registered.statusCode(), registered.body());
        assertEquals(Status.OK_200.code(), returning.get("/settings").statusCode(), "the registration started the session");

        FormClient other = new FormClient(base);
        HttpResponse<String> signedIn = other.submit("/login", "/login", Map.of(
                "email", "formsonly@x.test", "password", "formsonly-pw"));
        assertEquals(Status.SEE_OTHER_303.code(), signedIn.statusCode(), signedIn.body());
        assertEquals(Status.OK_200.code(), other.get("/settings").statusCode());

        FormClient mistaken = new FormClient(base);
        HttpResponse<String> wrong = mistaken.submit("/login", "/login", Map.of(
                "email", "formsonly@x.test", "password", "not-the-password"));
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), wrong.statusCode());
        assertTrue(wrong.body().contains("Email or password is invalid"));
        assertNull(mistaken.cookie("inkwell_session"), "a failed sign-in starts no session either");
        HttpResponse<String> retried = mistaken.post("/login", Map.of(
                "email", "formsonly@x.test", "password", "formsonly-pw", "csrf", csrfIn(wrong.body())), Map.of());
        assertEquals(Status.SEE_OTHER_303.code(), retried.statusCode(), "the form shown again carries a token that works");
    }

    @Test
    void forgedSignInAndRegistrationPostsAreRefused() {
        Api.User user = api.register("forgery");
        Map<String, String> credentials = Map.of("email", user.email(), "password", user.password());

        assertRefused(new FormClient(base).post("/login", credentials, Map.of()));
        FormClient visitor = new FormClient(base);
        String token = visitor.csrfOn("/login");
        assertRefused(visitor.post("/login", credentials, Map.of()));
        assertRefused(visitor.post("/login", with(credentials, "not-the-token"), Map.of()));
        assertRefused(new FormClient(base).post("/login", with(credentials, token), Map.of()));
        FormClient stranger = new FormClient(base);
        stranger.csrfOn("/login");
        assertRefused(stranger.post("/login", with(credentials, token), Map.of()));
        assertRefused(visitor.post("/login", with(credentials, token), Map.of("Origin", "https://evil.example")));
        assertRefused(visitor.post("/login", with(credentials, token), Map.of("Sec-Fetch-Site", "cross-site")));
        assertRefused(visitor.post("/register", Map.of("username", "forged", "email", "forged@x.test",
                                                       "password", "forged-password"), Map.of()));
        assertNull(visitor.cookie("inkwell_session"));
        assertEquals(Status.UNAUTHORIZED_401.code(), api.post("/api/users/login",
                "{\"user\":{\"email\":\"forged@x.test\",\"password\":\"forged-password\"}}", null).status());

        // A form left open too long must be reloaded.
        clock.advance(Duration.ofHours(2).plusSeconds(1));
        assertRefused(visitor.post("/login", with(credentials, token), Map.of()));
        assertEquals(Status.SEE_OTHER_303.code(), visitor.post("/login", with(credentials, visitor.csrfOn("/login")),
                                       Map.of("Sec-Fetch-Site", "same-origin")).statusCode());
    }

    @Test
    void aNewEmailOnTheSettingsPageNeedsTheCurrentPassword() {
        Api.User user = api.register("settler");
        FormClient browser = signedIn(user);
        Map<String, String> form = Map.of("username", user.username(), "email", "elsewhere-" + user.email(),
                                          "bio", "", "image", "");
        HttpResponse<String> missing = browser.submit("/settings", "/settings", form);
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), missing.statusCode());
        assertTrue(missing.body().contains("Current password is needed to change the email or password"),
                   missing.body());
        Map<String, String> wrong = new HashMap<>(form);
        wrong.put("currentPassword", "not-my-password");
        HttpResponse<String> refused = browser.submit("/settings", "/settings", wrong);
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), refused.statusCode());
        assertTrue(refused.body().contains("Current password is wrong"));
        assertEquals(user.email(), api.get("/api/user", user.token()).json().getJsonObject("user")
                .getString("email"), "nothing changed");

        Map<String, String> right = new HashMap<>(form);
        right.put("currentPassword", user.password());
        assertEquals(Status.SEE_OTHER_303.code(), browser.submit("/settings", "/settings", right).statusCode());
        assertEquals("elsewhere-" + user.email(), api.get("/api/user", user.token()).json()
                .getJsonObject("user").getString("email"));
        assertEquals(Status.OK_200.code(), browser.get("/settings").statusCode(), "the session that changed it stays");
    }

    @Test
    void aPasswordChangedOnThePagesEndsTheApiSignInsToo() {
        Api.User user = api.register("pageside");
        FormClient laptop = signedIn(user);
        FormClient phone = signedIn(user);
        HttpResponse<String> changed = laptop.submit("/settings", "/settings", Map.of(
                "username", user.username(), "email", user.email(), "bio", "", "image", "",
                "password", "pageside-new-password", "currentPassword", user.password()));
        assertEquals(Status.SEE_OTHER_303.code(), changed.statusCode(), changed.body());
        assertEquals(Status.OK_200.code(), laptop.get("/settings").statusCode());
        assertEquals(Status.SEE_OTHER_303.code(), phone.get("/settings").statusCode());
        assertEquals(Status.UNAUTHORIZED_401.code(), api.post("/api/auth/refresh",
                "{\"refreshToken\":\"" + user.refreshToken() + "\"}", null).status());
    }

    @Test
    void aPasswordChangedThroughTheApiEndsEveryPageSession() {
        Api.User user = api.register("apiside");
        FormClient laptop = signedIn(user);
        var changed = api.put("/api/user", """
                {"user":{"password":"apiside-new-password","currentPassword":"%s"}}""".formatted(user.password()),
                                    user.token());
        assertEquals(Status.OK_200.code(), changed.status(), changed.body());
        assertEquals(Status.SEE_OTHER_303.code(), laptop.get("/settings").statusCode(), "signed out on the pages");
    }

    @Test
    void theSettingsPageCountsAgainstTheWriteLimit() {
        MovableClock own = MovableClock.startingNow();
        try (TestApp limited = TestApp.start(Map.of("RATE_LIMIT_WRITES_PER_MINUTE", "2"), own)) {
            Api.User user = limited.api().register("busywriter");
            FormClient browser = new FormClient("http://127.0.0.1:" + limited.port());
            assertEquals(Status.SEE_OTHER_303.code(), browser.submit("/login", "/login", Map.of(
                    "email", user.email(), "password", user.password())).statusCode());
            for (String bio : new String[] {"one", "two"}) {
                assertEquals(Status.SEE_OTHER_303.code(), browser.submit("/settings", "/settings", settings(user, bio)).statusCode());
            }
            HttpResponse<String> limitedAnswer = browser.submit("/settings", "/settings", settings(user, "three"));
            assertEquals(Status.TOO_MANY_REQUESTS_429.code(), limitedAnswer.statusCode());
            assertTrue(limitedAnswer.body().contains("Too many requests, try again in"), limitedAnswer.body());
            assertTrue(limitedAnswer.body().contains("three"), "what was typed is kept");
            assertTrue(limitedAnswer.headers().firstValue("Retry-After").isPresent());
            assertEquals("two", limited.api().get("/api/user", user.token()).json().getJsonObject("user")
                    .getString("bio"));

            own.advance(Duration.ofMinutes(1));
            assertEquals(Status.SEE_OTHER_303.code(), browser.submit("/settings", "/settings", settings(user, "three")).statusCode());
        }
    }

    private static Map<String, String> settings(Api.User user, String bio) {
        return Map.of("username", user.username(), "email", user.email(), "bio", bio, "image", "");
    }

    private static Map<String, String> with(Map<String, String> fields, String csrf) {
        Map<String, String> all = new HashMap<>(fields);
        all.put("csrf", csrf);
        return all;
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertEquals(Status.FORBIDDEN_403.code(), response.statusCode(), response.body());
        assertTrue(response.body().contains("Not allowed"));
    }

    private static String csrfIn(String page) {
        var matcher = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    private static long redisKeys() {
        try (Jedis jedis = new Jedis(URI.create(app.environment().get("REDIS_URL")))) {
            return jedis.dbSize();
        }
    }

    private FormClient signedIn(Api.User user) {
        return FormClient.signedIn(base, user);
    }
}
