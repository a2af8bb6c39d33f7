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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CORS at the HTTP level: what a browser is told for allowed and other origins. */
@ServerTest
class CorsTest {

    private static final String ALLOWED = "https://app.example.test";
    private static final String OTHER = "https://evil.example.test";

    @RegisterExtension
    static final ServedApp app = new ServedApp(Map.of("CORS_ORIGINS", ALLOWED + ",http://localhost:3000"));

    private final Api api;
    private final String base;

    CorsTest(URI uri) {
        this.api = new Api(uri);
        this.base = ServedApp.base(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void preflightFromAnAllowedOrigin() {
        Response preflight = api.send("OPTIONS", "/api/articles", null, Map.of(
                "Origin", ALLOWED, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type"));
        assertEquals(Status.NO_CONTENT_204.code(), preflight.status());
        assertEquals(ALLOWED, preflight.header("Access-Control-Allow-Origin"));
        assertEquals("true", preflight.header("Access-Control-Allow-Credentials"));
        assertEquals("GET, POST, PUT, DELETE", preflight.header("Access-Control-Allow-Methods"));
        String headers = preflight.header("Access-Control-Allow-Headers");
        for (String name : new String[] {"Authorization", "Content-Type", "X-Requested-With", "X-Request-Id"}) {
            assertTrue(headers.contains(name), headers);
        }
        assertTrue(Integer.parseInt(preflight.header("Access-Control-Max-Age")) > 0);
        assertEquals("Origin", preflight.header("Vary"));
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        Response preflight = api.send("OPTIONS", "/api/articles", null, Map.of(
                "Origin", OTHER, "Access-Control-Request-Method", "POST"));
        assertEquals(Status.FORBIDDEN_403.code(), preflight.status());
        assertNull(preflight.header("Access-Control-Allow-Origin"));
        Response get = api.send("GET", "/api/tags", null, Map.of("Origin", OTHER));
        assertEquals(Status.OK_200.code(), get.status());
        assertNull(get.header("Access-Control-Allow-Origin"));
        assertNull(get.header("Access-Control-Allow-Credentials"));
        assertEquals("Origin", get.header("Vary"));
        // A wildcard or a reflected origin would be a hole: check a look-alike.
        Response lookAlike = api.send("GET", "/api/tags", null, Map.of("Origin", ALLOWED + ".evil.test"));
        assertNull(lookAlike.header("Access-Control-Allow-Origin"));
    }

    @Test
    void actualResponsesAndErrorsCarryTheHeaders() {
        Api.User user = api.register("cors");
        Map<String, Response> responses = Map.of(
                "json post", api.send("POST", "/api/articles",
                        "{\"article\":{\"title\":\"Cross\",\"description\":\"d\",\"body\":\"b\"}}",
                        Map.of("Origin", ALLOWED, "Content-Type", "application/json",
                               "Authorization", "Token " + user.token())),
                "authenticated get", api.send("GET", "/api/user", null,
                        Map.of("Origin", ALLOWED, "Authorization", "Token " + user.token())),
                "401", api.send("GET", "/api/user", null, Map.of("Origin", ALLOWED)),
                "422", api.send("GET", "/api/articles?limit=x", null, Map.of("Origin", ALLOWED)),
                "404", api.send("GET", "/api/nothing", null, Map.of("Origin", ALLOWED)));
        assertEquals(Status.CREATED_201.code(), responses.get("json post").status());
        assertEquals(Status.UNAUTHORIZED_401.code(), responses.get("401").status());
        responses.forEach((name, response) -> {
            assertEquals(ALLOWED, response.header("Access-Control-Allow-Origin"), name);
            assertEquals("true", response.header("Access-Control-Allow-Credentials"), name);
            assertTrue(response.header("Access-Control-Expose-Headers").contains("Retry-After"), name);
            assertTrue(response.header("Access-Control-Expose-Headers").contains("X-Request-Id"), name);
            assertEquals("Origin", response.header("Vary"), name);
        });
    }

    @Test
    void onlyTrustedOriginsMayUseTheRefreshCookie() {
        Api.User user = api.register("cookie");
        String cookie = "inkwell_refresh=" + user.refreshToken();
        Response foreignRefresh = api.send("POST", "/api/auth/refresh", null, Map.of("Origin", OTHER, "Cookie", cookie));
        assertEquals(Status.FORBIDDEN_403.code(), foreignRefresh.status());
        Response foreignLogout = api.send("POST", "/api/auth/logout", null, Map.of("Origin", OTHER, "Cookie", cookie));
        assertEquals(Status.FORBIDDEN_403.code(), foreignLogout.status());

        Response allowed = api.send("POST", "/api/auth/refresh", null, Map.of("Origin", ALLOWED, "Cookie", cookie));
        assertEquals(Status.OK_200.code(), allowed.status(), "the foreign attempts used nothing up");
        assertEquals(ALLOWED, allowed.header("Access-Control-Allow-Origin"));
        String next = allowed.json().getJsonObject("user").getString("refreshToken");
        assertEquals(Status.OK_200.code(), api.send("POST", "/api/auth/refresh", null,
                                   Map.of("Origin", base, "Cookie", "inkwell_refresh=" + next)).status(),
                     "the app's own origin");
    }
}
