package dev.inkwell.web;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.FormClient;
import dev.inkwell.testing.ServedApp;
import dev.inkwell.testing.TestApp;
import dev.inkwell.testing.TestServices;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions, form tokens and browser protections of the web pages, over plain HTTP. */
@ServerTest
class PagesSecurityTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private final Api api;
    private final String base;

    PagesSecurityTest(URI uri) {
        this.api = new Api(uri);
        this.base = ServedApp.base(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void theSessionIdChangesAtSignInAndTheOldOneIsWorthless() {
        Api.User user = api.register("fixation");
        FormClient browser = new FormClient(base);
        String csrf = browser.csrfOn("/login");
        assertNull(browser.cookie("inkwell_session"), "the sign-in form starts no session");
        // An id planted before sign-in (by a page of a sibling domain, say) is replaced at sign-in.
        String planted = "p".repeat(43);
        browser.setCookie("inkwell_session", planted);
        HttpResponse<String> signIn = browser.post("/login", Map.of(
                "email", user.email(), "password", user.password(), "csrf", csrf), Map.of());
        assertEquals(Status.SEE_OTHER_303.code(), signIn.statusCode(), signIn.body());
        String after = signIn.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("inkwell_session="))
                .map(cookie -> cookie.substring("inkwell_session=".length(), cookie.indexOf(';')))
                .findFirst().orElse(null);
        assertNotNull(after, "a session starts at sign-in");
        assertNotEquals(planted, after);
        FormClient signedIn = new FormClient(base);
        signedIn.setCookie("inkwell_session", after);
        assertEquals(Status.OK_200.code(), signedIn.get("/settings").statusCode());

        FormClient attacker = new FormClient(base);
        attacker.setCookie("inkwell_session", planted);
        assertEquals(Status.SEE_OTHER_303.code(), attacker.get("/settings").statusCode(), "the planted id signs nobody in");
    }

    @Test
    void formsWithoutTheRightTokenOrFromAnotherSiteChangeNothing() {
        Api.User user = api.register("csrf");
        FormClient browser = signedIn(user);
        Map<String, String> article = Map.of("title", "Forged", "description", "d", "body", "b", "tags", "");

        HttpResponse<String> noToken = browser.post("/editor", article, Map.of());
        assertEquals(Status.FORBIDDEN_403.code(), noToken.statusCode());
        assertTrue(noToken.body().contains("Not allowed"), "a 403 page in the site's style");
        Map<String, String> wrong = new java.util.HashMap<>(article);
        wrong.put("csrf", "not-the-token");
        assertEquals(Status.FORBIDDEN_403.code(), browser.post("/editor", wrong, Map.of()).statusCode());
        Map<String, String> right = new java.util.HashMap<>(article);
        right.put("csrf", browser.csrfOn("/editor"));
        assertEquals(Status.FORBIDDEN_403.code(), browser.post("/editor", right, Map.of("Origin", "https://evil.example")).statusCode());
        assertEquals(Status.FORBIDDEN_403.code(), browser.post("/editor", right, Map.of("Sec-Fetch-Site", "cross-site")).statusCode());
        assertEquals(0, api.get("/api/articles?author=" + user.username()).json().getInt("articlesCount"));

        assertEquals(Status.SEE_OTHER_303.code(), browser.post("/editor", right, Map.of("Sec-Fetch-Site", "same-origin")).statusCode());
        assertEquals(1, api.get("/api/articles?author=" + user.username()).json().getInt("articlesCount"));
    }

    @Test
    void aPasswordChangeEndsTheOtherSessions() {
        Api.User user = api.register("twodevices");
        FormClient laptop = signedIn(user);
        FormClient phone = signedIn(user);
        HttpResponse<String> changed = laptop.submit("/settings", "/settings", Map.of(
                "username", user.username(), "email", user.email(), "bio", "", "image", "",
                "password", "a-brand-new-password", "currentPassword", user.password()));
        assertEquals(Status.SEE_OTHER_303.code(), changed.statusCode(), changed.body());
        assertEquals(Status.OK_200.code(), laptop.get("/settings").statusCode(), "the session that changed it stays");
        assertEquals(Status.SEE_OTHER_303.code(), phone.get("/settings").statusCode(), "the other one is over");
    }

    @Test
    void sessionsAreSharedByInstances() {
        Api.User user = api.register("roaming");
        FormClient browser = signedIn(user);
        String session = browser.cookie("inkwell_session");
        try (TestApp other = TestApp.start(Map.of("DATABASE_URL", app.environment().get("DATABASE_URL"),
                                                   "REDIS_URL", app.environment().get("REDIS_URL")))) {
            FormClient elsewhere = new FormClient("http://127.0.0.1:" + other.port());
            elsewhere.setCookie("inkwell_session", session);
            HttpResponse<String> settings = elsewhere.get("/settings");
            assertEquals(Status.OK_200.code(), settings.statusCode());
            assertTrue(settings.body().contains(user.email()));
        }
    }

    @Test
    void pagesArePrivateWithoutInlineScriptAndAssetsAreImmutable() {
        HttpResponse<String> home = new FormClient(base).get("/");
        assertEquals(Status.OK_200.code(), home.statusCode());
        assertTrue(home.headers().firstValue("Cache-Control").orElse("").contains("private"));
        assertFalse(home.body().contains("<script>"), "no inline script");

        var css = java.util.regex.Pattern.compile("/assets/inkwell\\.[0-9a-f]{12}\\.css").matcher(home.body());
        assertTrue(css.find());
        HttpResponse<String> asset = new FormClient(base).get(css.group());
        assertEquals(Status.OK_200.code(), asset.statusCode());
        assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(Status.NOT_FOUND_404.code(), new FormClient(base).get("/assets/inkwell.000000000000.css").statusCode());

        HttpResponse<String> missing = new FormClient(base).get("/no/such/page");
        assertEquals(Status.NOT_FOUND_404.code(), missing.statusCode());
        assertTrue(missing.body().contains("Page not found"));
        assertFalse(missing.body().contains("Exception"));
    }

    @Test
    void withoutRedisAnonymousPagesRenderAndSigningInSaysItIsUnavailable() {
        TestServices.Server redis = TestServices.Server.separate("redis", "pages-redis");
        redis.start();
        try (TestApp alone = TestApp.start(Map.of("REDIS_URL", "redis://127.0.0.1:" + redis.port()))) {
            Api.User user = alone.api().register("offline");
            alone.api().publish(user, "Readable without Redis");
            String site = "http://127.0.0.1:" + alone.port();
            FormClient browser = new FormClient(site);
            String csrf = browser.csrfOn("/login");
            redis.stop();
            assertEquals(Status.OK_200.code(), browser.get("/").statusCode());
            HttpResponse<String> login = browser.get("/login");
            assertEquals(Status.OK_200.code(), login.statusCode());
            assertTrue(login.body().contains("temporarily unavailable"));
            HttpResponse<String> attempt = browser.post("/login", Map.of(
                    "email", user.email(), "password", user.password(), "csrf", csrf), Map.of());
            assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), attempt.statusCode());
            assertTrue(attempt.body().contains("temporarily unavailable"));
        } finally {
            redis.stop();
        }
    }

    private FormClient signedIn(Api.User user) {
        return FormClient.signedIn(base, user);
    }
}
