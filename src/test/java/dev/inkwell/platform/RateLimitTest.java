package dev.inkwell.platform;

import java.util.Map;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.RunningApp;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitTest {

    @RegisterExtension
    static final RunningApp app = new RunningApp(Map.of("RATE_LIMIT_AUTH_PER_MINUTE", "3", "RATE_LIMIT_WRITES_PER_MINUTE", "3"));

    @Test
    void signInAttemptsAreLimitedPerAccount() {
        String body = "{\"user\":{\"email\":\"victim@x.test\",\"password\":\"guessing1\"}}";
        for (int i = 0; i < 3; i++) {
            assertEquals(Status.UNAUTHORIZED_401.code(), app.api().post("/api/users/login", body, null).status());
        }
        Response limited = app.api().post("/api/users/login", body, null);
        assertEquals(Status.TOO_MANY_REQUESTS_429.code(), limited.status());
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(limited.errors("body").get(0).startsWith("too many requests"));
        assertTrue(app.admin().get("/metrics").body().contains("inkwell_ratelimit_rejections"));
    }

    @Test
    void writesAreLimitedPerUser() {
        // Registration counts against the client address too, so this test registers one user only.
        Response registered = app.api().post("/api/users",
                "{\"user\":{\"username\":\"busy\",\"email\":\"busy@x.test\",\"password\":\"password1\"}}", null);
        String token = registered.json().getJsonObject("user").getString("token");
        String article = "{\"article\":{\"title\":\"t\",\"description\":\"d\",\"body\":\"b\"}}";
        for (int i = 0; i < 3; i++) {
            assertEquals(Status.CREATED_201.code(), app.api().post("/api/articles", article, token).status());
        }
        Response limited = app.api().post("/api/articles", article, token);
        assertEquals(Status.TOO_MANY_REQUESTS_429.code(), limited.status());
        assertEquals(3, app.api().get("/api/articles?author=busy").json().getInt("articlesCount"));
        // Reads are not limited.
        assertEquals(Status.OK_200.code(), app.api().get("/api/articles", token).status());
    }
}
