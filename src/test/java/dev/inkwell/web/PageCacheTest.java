package dev.inkwell.web;

import java.net.URI;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.ServedApp;
import dev.inkwell.testing.TestApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anonymous visitors get the home and article pages from the cache; every write, through the API
 * or the pages, must show in the very next page, on this instance and on another.
 */
@ServerTest
class PageCacheTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private final Api api;

    PageCacheTest(URI uri) {
        this.api = new Api(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void writesShowInTheNextAnonymousPage() {
        Api.User author = api.register("pagecache");
        Api.User reader = api.register("pagereader");
        String slug = api.publish(author, "A cached page", "pagecache");
        // Twice each, so the second read comes from the cache (Redis, then memory).
        page("/");
        assertTrue(page("/").contains("A cached page"));
        page("/article/" + slug);
        assertTrue(page("/article/" + slug).contains("No comments yet."));

        try (TestApp other = TestApp.start(java.util.Map.of(
                "DATABASE_URL", app.environment().get("DATABASE_URL"),
                "REDIS_URL", app.environment().get("REDIS_URL")))) {
            Api elsewhere = other.api();
            assertTrue(elsewhere.get("/article/" + slug).body().contains("No comments yet."));

            api.post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"First!\"}}", reader.token());
            assertTrue(page("/article/" + slug).contains("First!"));
            assertTrue(elsewhere.get("/article/" + slug).body().contains("First!"), "the other instance sees it too");

            api.put("/api/user", "{\"user\":{\"username\":\"pagereader2\"}}", reader.token());
            assertTrue(page("/article/" + slug).contains("pagereader2"), "renamed commenter");

            api.post("/api/articles/" + slug + "/favorite", null, reader.token());
            assertTrue(page("/article/" + slug).contains("Favorite article (<span>1</span>)"));

            String newer = api.publish(author, "A newer page");
            assertTrue(page("/").indexOf("A newer page") < page("/").indexOf("A cached page"));
            assertTrue(elsewhere.get("/").body().contains("A newer page"));

            api.put("/api/articles/" + slug, "{\"article\":{\"body\":\"Edited *body*\"}}", author.token());
            assertTrue(page("/article/" + slug).contains("Edited <em>body</em>"));

            api.delete("/api/articles/" + newer, author.token());
            assertFalse(page("/").contains("A newer page"));
            assertEquals(Status.NOT_FOUND_404.code(), api.get("/article/" + newer).status());
        }
    }

    private String page(String path) {
        Api.Response response = api.get(path);
        assertEquals(Status.OK_200.code(), response.status(), path);
        return response.body();
    }
}
