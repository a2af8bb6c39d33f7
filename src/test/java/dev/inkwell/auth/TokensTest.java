package dev.inkwell.auth;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.MovableClock;
import dev.inkwell.testing.ServedApp;
import dev.inkwell.testing.TestApp;

import io.helidon.http.Status;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkOctet;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access tokens (expiry, forgeries) and refresh tokens: rotation, reuse detection and its grace
 * window for parallel refreshes, the fixed lifetime of a sign-in, sign-out and the cookie. Time is
 * a clock the tests move on; nothing sleeps.
 */
@ServerTest
class TokensTest {

    private static final MovableClock clock = MovableClock.startingNow();

    @RegisterExtension
    static final ServedApp app = new ServedApp(Map.of("REFRESH_TOKEN_TTL", "P7D"), clock);

    private final Api api;

    TokensTest(URI uri) {
        this.api = new Api(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void accessTokensExpire() {
        Api.User user = api.register("expiring");
        assertEquals(Status.OK_200.code(), api.get("/api/user", user.token()).status());
        clock.advance(Duration.ofMinutes(15));
        Response expired = api.get("/api/user", user.token());
        assertEquals(Status.UNAUTHORIZED_401.code(), expired.status());
        assertEquals("token is invalid or expired", expired.errors("body").get(0));
    }

    @Test
    void forgedAccessTokensAnswer401() {
        Api.User user = api.register("forged");
        String subject = subjectOf(user.token());
        Instant now = clock.instant();

        String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = encode("{\"iss\":\"inkwell\",\"sub\":\"" + subject + "\",\"iat\":" + now.getEpochSecond()
                                       + ",\"exp\":" + now.plusSeconds(600).getEpochSecond() + "}");
        assertUnauthorized(header + "." + claims + ".");
        assertUnauthorized(header + "." + claims);

        String otherSecret = "another-secret-another-secret-0123456789";
        assertUnauthorized(new AccessTokens(otherSecret, Duration.ofMinutes(15), clock).issue(Long.parseLong(subject)));
        assertUnauthorized(signed(TestApp.JWT_SECRET, "someone-else", subject, now.plusSeconds(600)));
        assertUnauthorized(signed(TestApp.JWT_SECRET, "inkwell", subject, now.minusSeconds(1)));
        // The same claims, rightly signed, are accepted: the refusals above are about what was changed.
        assertEquals(Status.OK_200.code(), api.get("/api/user", signed(TestApp.JWT_SECRET, "inkwell", subject,
                                                                      now.plusSeconds(600))).status());
    }

    @Test
    void refreshRotatesAndEachTokenWorksOnce() {
        Api.User user = api.register("rotating");
        Response refreshed = refreshWithBody(user.refreshToken());
        assertEquals(Status.OK_200.code(), refreshed.status(), refreshed.body());
        JsonObject fresh = refreshed.json().getJsonObject("user");
        assertEquals(user.username(), fresh.getString("username"));
        assertNotEquals(user.refreshToken(), fresh.getString("refreshToken"));
        assertEquals(Status.OK_200.code(), api.get("/api/user", fresh.getString("token")).status());
        assertTrue(refreshed.header("Set-Cookie").startsWith("inkwell_refresh=" + fresh.getString("refreshToken")));

        // The next token in the family works once more.
        Response again = refreshWithBody(fresh.getString("refreshToken"));
        assertEquals(Status.OK_200.code(), again.status());
        String newest = again.json().getJsonObject("user").getString("refreshToken");

        // Replaying a used token after the grace window revokes the whole family, the newest token included.
        clock.advance(RefreshTokens.GRACE);
        Response replay = refreshWithBody(user.refreshToken());
        assertEquals(Status.UNAUTHORIZED_401.code(), replay.status());
        assertTrue(replay.errors("body").get(0).contains("already used"));
        assertEquals(Status.UNAUTHORIZED_401.code(), refreshWithBody(newest).status());
    }

    @Test
    void parallelRefreshesOfOneTokenAllGetTheSameSuccessor() throws Exception {
        Api.User user = api.register("parallel");
        CountDownLatch ready = new CountDownLatch(1);
        Callable<Response> refresh = () -> {
            ready.await();
            return api.send("POST", "/api/auth/refresh", null,
                                  Map.of("Cookie", "inkwell_refresh=" + user.refreshToken()));
        };
        List<Response> answers;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Response>> futures = List.of(threads.submit(refresh), threads.submit(refresh),
                                                     threads.submit(refresh));
            ready.countDown();
            answers = futures.stream().map(TokensTest::get).toList();
        }
        for (Response answer : answers) {
            assertEquals(Status.OK_200.code(), answer.status(), answer.body());
        }
        String successor = answers.get(0).json().getJsonObject("user").getString("refreshToken");
        for (Response answer : answers) {
            assertEquals(successor, answer.json().getJsonObject("user").getString("refreshToken"));
            assertTrue(answer.header("Set-Cookie").startsWith("inkwell_refresh=" + successor + ";"),
                       answer.header("Set-Cookie"));
        }
        assertNotEquals(user.refreshToken(), successor);

        // Until the grace window ends, the used token keeps yielding that same successor.
        clock.advance(RefreshTokens.GRACE.minusSeconds(1));
        Response late = refreshWithBody(user.refreshToken());
        assertEquals(Status.OK_200.code(), late.status(), late.body());
        assertEquals(successor, late.json().getJsonObject("user").getString("refreshToken"));

        // After it, presenting the used token is a replay: the family is revoked.
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Status.UNAUTHORIZED_401.code(), refreshWithBody(user.refreshToken()).status());
        assertEquals(Status.UNAUTHORIZED_401.code(), refreshWithBody(successor).status());
    }

    @Test
    void aSignInEndsAtItsFixedLifetimeHoweverOftenItRefreshes() {
        Api.User user = api.register("lifetime");
        String token = user.refreshToken();
        for (int day = 1; day <= 6; day++) {
            clock.advance(Duration.ofDays(1));
            Response refreshed = refreshWithBody(token);
            assertEquals(Status.OK_200.code(), refreshed.status(), "day " + day + ": " + refreshed.body());
            token = refreshed.json().getJsonObject("user").getString("refreshToken");
            String maxAge = "Max-Age=" + Duration.ofDays(7 - day).toSeconds();
            assertTrue(refreshed.header("Set-Cookie").contains(maxAge),
                       "the cookie lives as long as the sign-in: " + refreshed.header("Set-Cookie"));
        }
        clock.advance(Duration.ofDays(1));
        Response ended = refreshWithBody(token);
        assertEquals(Status.UNAUTHORIZED_401.code(), ended.status(), "seven days after the sign-in, though refreshed yesterday");
        assertEquals(Status.OK_200.code(), api.post("/api/users/login", """
                {"user":{"email":"%s","password":"%s"}}""".formatted(user.email(), user.password()), null).status());
    }

    @Test
    void refreshWorksWithTheCookie() {
        Api.User user = api.register("cookie");
        Response refreshed = api.send("POST", "/api/auth/refresh", null,
                                      Map.of("Cookie", "inkwell_refresh=" + user.refreshToken()));
        assertEquals(Status.OK_200.code(), refreshed.status(), refreshed.body());
        assertEquals(user.username(), refreshed.json().getJsonObject("user").getString("username"));
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        Api.User user = api.register("leaving");
        Response logout = api.send("POST", "/api/auth/logout", null,
                                   Map.of("Cookie", "inkwell_refresh=" + user.refreshToken()));
        assertEquals(Status.NO_CONTENT_204.code(), logout.status());
        assertTrue(logout.header("Set-Cookie").contains("Expires=Thu, 1 Jan 1970")
                           || logout.header("Set-Cookie").contains("Expires=Thu, 01 Jan 1970"),
                   logout.header("Set-Cookie"));
        assertEquals(Status.UNAUTHORIZED_401.code(), refreshWithBody(user.refreshToken()).status());
    }

    @Test
    void logoutWithAnAlreadyUsedTokenEndsItsSignIn() {
        Api.User user = api.register("oldcookie");
        Response refreshed = refreshWithBody(user.refreshToken());
        assertEquals(Status.OK_200.code(), refreshed.status());
        String successor = refreshed.json().getJsonObject("user").getString("refreshToken");
        assertEquals(Status.NO_CONTENT_204.code(), api.post("/api/auth/logout",
                                         "{\"refreshToken\":\"" + user.refreshToken() + "\"}", null).status());
        assertEquals(Status.UNAUTHORIZED_401.code(), refreshWithBody(successor).status(), "the sign-in the used token belonged to is over");
    }

    @Test
    void overTlsTheCookieIsSecurePrefixedAndTheOldNameIsStillRead() {
        try (TestApp secure = TestApp.start(Map.of("COOKIE_SECURE", "true"), clock)) {
            Api.User user = secure.api().register("prefixed");
            HttpResponse<String> signIn = secure.api().raw("POST", "/api/users/login", """
                    {"user":{"email":"%s","password":"%s"}}""".formatted(user.email(), user.password()),
                    Map.of("Content-Type", "application/json"));
            List<String> cookies = signIn.headers().allValues("Set-Cookie");
            String current = cookies.stream().filter(c -> c.startsWith("__Secure-inkwell_refresh=")).findFirst()
                    .orElseThrow(() -> new AssertionError(cookies.toString()));
            assertTrue(current.contains("Secure") && current.contains("HttpOnly") && current.contains("Path=/api/auth"),
                       current);
            String token = current.substring(current.indexOf('=') + 1, current.indexOf(';'));

            // A cookie set under the old name before the prefix was used still refreshes, and is replaced.
            HttpResponse<String> legacy = secure.api().raw("POST", "/api/auth/refresh", null,
                                                           Map.of("Cookie", "inkwell_refresh=" + token));
            assertEquals(Status.OK_200.code(), legacy.statusCode(), legacy.body());
            List<String> replaced = legacy.headers().allValues("Set-Cookie");
            assertTrue(replaced.stream().anyMatch(c -> c.startsWith("__Secure-inkwell_refresh=")), replaced.toString());
            assertTrue(replaced.stream().anyMatch(c -> c.startsWith("inkwell_refresh=;") && c.contains("1970")),
                       replaced.toString());
            String next = Json.createReader(new java.io.StringReader(legacy.body())).readObject()
                    .getJsonObject("user").getString("refreshToken");

            HttpResponse<String> prefixed = secure.api().raw("POST", "/api/auth/refresh", null,
                                                             Map.of("Cookie", "__Secure-inkwell_refresh=" + next));
            assertEquals(Status.OK_200.code(), prefixed.statusCode(), prefixed.body());

            HttpResponse<String> logout = secure.api().raw("POST", "/api/auth/logout", null, Map.of(
                    "Cookie", "__Secure-inkwell_refresh=x; inkwell_refresh=y"));
            assertEquals(Status.NO_CONTENT_204.code(), logout.statusCode());
            List<String> cleared = logout.headers().allValues("Set-Cookie");
            assertTrue(cleared.stream().anyMatch(c -> c.startsWith("__Secure-inkwell_refresh=;")), cleared.toString());
            assertTrue(cleared.stream().anyMatch(c -> c.startsWith("inkwell_refresh=;")), cleared.toString());
        }
    }

    @Test
    void missingOrUnknownRefreshTokensAnswer401() {
        Response missing = api.post("/api/auth/refresh", null, null);
        assertEquals(Status.UNAUTHORIZED_401.code(), missing.status());
        assertEquals("refresh token is missing", missing.errors("body").get(0));
        assertEquals(Status.UNAUTHORIZED_401.code(), refreshWithBody("made-up-token").status());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), api.post("/api/auth/refresh", "{\"refreshToken\":5}", null).status());
    }

    private void assertUnauthorized(String token) {
        Response response = api.get("/api/user", token);
        assertEquals(Status.UNAUTHORIZED_401.code(), response.status(), token);
        assertEquals("token is invalid or expired", response.errors("body").get(0));
    }

    /** An HS256 token with the given issuer and expiry, signed with the given secret. */
    private static String signed(String secret, String issuer, String subject, Instant expires) {
        JwkOctet key = JwkOctet.create(Json.createObjectBuilder(Map.of(
                "kty", "oct", "kid", "inkwell", "alg", JwkOctet.ALG_HS256, "use", Jwk.USE_SIGNATURE,
                "k", Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8))))
                .build());
        Jwt jwt = Jwt.builder().issuer(issuer).subject(subject).issueTime(clock.instant().minusSeconds(60))
                .expirationTime(expires).algorithm(JwkOctet.ALG_HS256).keyId("inkwell").build();
        return SignedJwt.sign(jwt, key).tokenContent();
    }

    private static String subjectOf(String token) {
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new java.io.StringReader(claims)).readObject().getString("sub");
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Response get(Future<Response> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Response refreshWithBody(String token) {
        return api.post("/api/auth/refresh", "{\"refreshToken\":\"" + token + "\"}", null);
    }
}
