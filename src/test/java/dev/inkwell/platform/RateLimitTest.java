package dev.inkwell.platform;

import java.net.URI;
import java.util.Map;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.helidon.webserver.testing.junit5.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ServerTest
class RateLimitTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp(Map.of("RATE_LIMIT_AUTH_PER_MINUTE", "3", "RATE_LIMIT_WRITES_PER_MINUTE", "3"));

    private final Api api;
    private final Api admin;

    RateLimitTest(URI uri, @Socket("admin") URI admin) {
        this.api = new Api(uri);
        this.admin = new Api(admin);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void signInAttemptsAreLimitedPerAccount() {
        String body = "{\"user\":{\"email\":\"victim@x.test\",\"password\":\"guessing1\"}}";
        for (int i = 0; i < 3; i++) {
            assertEquals(Status.UNAUTHORIZED_401.code(), api.post("/api/users/login", body, null).status());
        }
        Response limited = api.post("/api/users/login", body, null);
        assertEquals(Status.TOO_MANY_REQUESTS_429.code(), limited.status());
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(limited.errors("body").get(0).startsWith("too many requests"));
        assertTrue(admin.get("/metrics").body().contains("inkwell_ratelimit_rejections"));
    }

    @Test
    void writesAreLimitedPerUser() {
        // Registration counts against the client address too, so this test registers one user only.
        Response registered = api.post("/api/users",
                "{\"user\":{\"username\":\"busy\",\"email\":\"busy@x.test\",\"password\":\"password1\"}}", null);
        String token = registered.json().getJsonObject("user").getString("token");
        String article = "{\"article\":{\"title\":\"t\",\"description\":\"d\",\"body\":\"b\"}}";
        for (int i = 0; i < 3; i++) {
            assertEquals(Status.CREATED_201.code(), api.post("/api/articles", article, token).status());
        }
        Response limited = api.post("/api/articles", article, token);
        assertEquals(Status.TOO_MANY_REQUESTS_429.code(), limited.status());
        assertEquals(3, api.get("/api/articles?author=busy").json().getInt("articlesCount"));
        // Reads are not limited.
        assertEquals(Status.OK_200.code(), api.get("/api/articles", token).status());
    }
}
