package dev.inkwell.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Browser;
import dev.inkwell.testing.ServedApp;

import com.sun.net.httpserver.HttpServer;
import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A frontend on another origin, in a real browser: pages served from two other ports call the API
 * with fetch. The allowed one can sign up, call with a token, read errors and refresh with the
 * cookie; the other is blocked by the browser and changes nothing on the server.
 */
@ServerTest
class CorsBrowserTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private static HttpServer allowedSite;
    private static HttpServer otherSite;
    private static ChromeDriver browser;

    private final Api api;
    private final int port;

    CorsBrowserTest(URI uri) {
        this.api = new Api(uri);
        this.port = uri.getPort();
    }

    /** The two sites are up before the app, which allows the first one's origin. */
    @SetUpServer
    static void server(WebServerConfig.Builder server) throws IOException {
        allowedSite = site();
        otherSite = site();
        app.serve(server, Map.of("CORS_ORIGINS", origin(allowedSite)));
    }

    @BeforeAll
    static void start() {
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        allowedSite.stop(0);
        otherSite.stop(0);
    }

    @Test
    void anAllowedFrontendWorksAndAnotherIsBlocked() {
        JsonObject allowed = run(allowedSite);
        assertEquals(Status.CREATED_201.code(), allowed.getInt("register"), allowed.toString());
        assertEquals(Status.OK_200.code(), allowed.getInt("current"));
        assertTrue(allowed.getBoolean("requestIdReadable"));
        assertEquals(Status.NOT_FOUND_404.code(), allowed.getInt("error"));
        assertTrue(allowed.getString("errorBody").contains("\"errors\""));
        assertEquals(Status.OK_200.code(), allowed.getInt("refresh"), "the HttpOnly cookie travelled with credentials: 'include'");
        assertTrue(!allowed.containsKey("failure"), allowed.toString());

        String refreshCookie = refreshCookieInBrowser();

        JsonObject other = run(otherSite);
        assertTrue(other.getString("failure").contains("Failed to fetch"), other.toString());
        assertTrue(other.getString("refreshFailure").contains("Failed to fetch"), other.toString());
        // Nothing changed: the browser's refresh token was not used up by the other origin's attempt.
        Api.Response refresh = api.post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshCookie + "\"}",
                                              null);
        assertEquals(Status.OK_200.code(), refresh.status(), refresh.body());
        assertEquals(1, api.get("/api/articles").json().getInt("articlesCount"), "only the allowed page wrote");
    }

    /** Opens the site's page, waits for its script to finish and returns what it found. */
    private JsonObject run(HttpServer site) {
        browser.get(origin(site) + "/index.html?api=" + "http://127.0.0.1:" + port + "/api");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(driver -> !driver.findElement(By.id("out")).getText().isEmpty());
        return Json.createReader(new java.io.StringReader(browser.findElement(By.id("out")).getText())).readObject();
    }

    private String refreshCookieInBrowser() {
        browser.get("http://127.0.0.1:" + port + "/api/auth/refresh");
        Cookie cookie = browser.manage().getCookieNamed("inkwell_refresh");
        assertNotNull(cookie, "the browser holds the refresh cookie");
        assertTrue(cookie.isHttpOnly());
        return cookie.getValue();
    }

    private static String origin(HttpServer site) {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    /** A static site with one page that exercises the API the way a single-page frontend does. */
    private static HttpServer site() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
        server.createContext("/index.html", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static final String PAGE = """
            <!doctype html><html><body><pre id="out"></pre><script>
            const api = new URLSearchParams(location.search).get('api');
            const json = {'Content-Type': 'application/json'};
            async function main() {
              const out = {};
              try {
                const name = 'front' + Date.now();
                let r = await fetch(api + '/users', {method: 'POST', credentials: 'include', headers: json,
                  body: JSON.stringify({user: {username: name, email: name + '@x.test', password: 'password123'}})});
                out.register = r.status;
                const user = (await r.json()).user;
                r = await fetch(api + '/user', {headers: {'Authorization': 'Token ' + user.token}});
                out.current = r.status;
                out.requestIdReadable = r.headers.get('X-Request-Id') !== null;
                r = await fetch(api + '/articles', {method: 'POST', headers: {...json, 'Authorization': 'Token ' + user.token},
                  body: JSON.stringify({article: {title: 'From the frontend', description: 'd', body: 'b'}})});
                r = await fetch(api + '/articles/no-such-article');
                out.error = r.status;
                out.errorBody = await r.text();
              } catch (e) {
                out.failure = String(e);
              }
              try {
                const r = await fetch(api + '/auth/refresh', {method: 'POST', credentials: 'include'});
                out.refresh = r.status;
              } catch (e) {
                out.refreshFailure = String(e);
              }
              document.getElementById('out').textContent = JSON.stringify(out);
            }
            main();
            </script></body></html>
            """;
}
