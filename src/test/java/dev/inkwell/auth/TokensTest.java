package dev.inkwell.auth;

import java.util.Map;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.RunningApp;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access-token expiry and refresh-token rotation, reuse detection and sign-out. */
class TokensTest {

    @RegisterExtension
    static final RunningApp app = new RunningApp(Map.of("ACCESS_TOKEN_TTL", "PT2S"));

    @Test
    void accessTokensExpire() throws InterruptedException {
        Api.User user = app.api().register("expiring");
        assertEquals(200, app.api().get("/api/user", user.token()).status());
        Thread.sleep(2500);
        Response expired = app.api().get("/api/user", user.token());
        assertEquals(401, expired.status());
        assertEquals("token is invalid or expired", expired.errors("body").get(0));
    }

    @Test
    void refreshRotatesAndEachTokenWorksOnce() {
        Api.User user = app.api().register("rotating");
        Response refreshed = refreshWithBody(user.refreshToken());
        assertEquals(200, refreshed.status(), refreshed.body());
        JsonObject fresh = refreshed.json().getJsonObject("user");
        assertEquals(user.username(), fresh.getString("username"));
        assertNotEquals(user.refreshToken(), fresh.getString("refreshToken"));
        assertEquals(200, app.api().get("/api/user", fresh.getString("token")).status());
        assertTrue(refreshed.header("Set-Cookie").startsWith("inkwell_refresh=" + fresh.getString("refreshToken")));

        // The next token in the family works once more.
        Response again = refreshWithBody(fresh.getString("refreshToken"));
        assertEquals(200, again.status());
        String newest = again.json().getJsonObject("user").getString("refreshToken");

        // Replaying a used token revokes the whole family, the newest token included.
        Response replay = refreshWithBody(user.refreshToken());
        assertEquals(401, replay.status());
        assertTrue(replay.errors("body").get(0).contains("already used"));
        assertEquals(401, refreshWithBody(newest).status());
    }

    @Test
    void refreshWorksWithTheCookie() {
        Api.User user = app.api().register("cookie");
        Response refreshed = app.api().send("POST", "/api/auth/refresh", null,
                                      Map.of("Cookie", "inkwell_refresh=" + user.refreshToken()));
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals(user.username(), refreshed.json().getJsonObject("user").getString("username"));
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        Api.User user = app.api().register("leaving");
        Response logout = app.api().send("POST", "/api/auth/logout", null,
                                   Map.of("Cookie", "inkwell_refresh=" + user.refreshToken()));
        assertEquals(204, logout.status());
        assertTrue(logout.header("Set-Cookie").contains("Expires=Thu, 1 Jan 1970")
                           || logout.header("Set-Cookie").contains("Expires=Thu, 01 Jan 1970"),
                   logout.header("Set-Cookie"));
        assertEquals(401, refreshWithBody(user.refreshToken()).status());
    }

    @Test
    void missingOrUnknownRefreshTokensAnswer401() {
        Response missing = app.api().post("/api/auth/refresh", null, null);
        assertEquals(401, missing.status());
        assertEquals("refresh token is missing", missing.errors("body").get(0));
        assertEquals(401, refreshWithBody("made-up-token").status());
        assertEquals(422, app.api().post("/api/auth/refresh", "{\"refreshToken\":5}", null).status());
    }

    private static Response refreshWithBody(String token) {
        return app.api().post("/api/auth/refresh", "{\"refreshToken\":\"" + token + "\"}", null);
    }
}
