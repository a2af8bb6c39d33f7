package dev.inkwell.platform;

import java.net.URI;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.helidon.webserver.testing.junit5.Socket;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Anonymous reads come from the Redis cache; every write must show up in the very next read. */
@ServerTest
class CacheInvalidationTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private final Api api;
    private final Api admin;

    CacheInvalidationTest(URI uri, @Socket("admin") URI admin) {
        this.api = new Api(uri);
        this.admin = new Api(admin);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void writesShowInTheNextAnonymousRead() {
        Api.User author = api.register("cached");
        Api.User fan = api.register("fan");
        String slug = api.publish(author, "Cached story", "cache");
        // Warm the cache, twice so the second read is a hit.
        api.get("/api/articles");
        assertEquals("Cached story", firstTitle());
        api.get("/api/articles/" + slug);
        api.get("/api/tags");
        assertTrue(admin.get("/metrics").body().contains("inkwell_cache_hits"));

        api.put("/api/articles/" + slug, "{\"article\":{\"body\":\"Edited body\",\"tagList\":[\"fresh\"]}}",
                author.token());
        assertEquals("Edited body", article(slug).getString("body"));
        assertEquals("[\"fresh\"]", api.get("/api/tags").json().getJsonArray("tags").toString());

        api.post("/api/articles/" + slug + "/favorite", null, fan.token());
        assertEquals(1, article(slug).getInt("favoritesCount"));
        assertEquals(1, api.get("/api/articles").json().getJsonArray("articles").getJsonObject(0)
                .getInt("favoritesCount"));

        api.put("/api/user", "{\"user\":{\"bio\":\"New bio\"}}", author.token());
        assertEquals("New bio", article(slug).getJsonObject("author").getString("bio"));

        String newer = api.publish(author, "Newer story");
        assertEquals("Newer story", firstTitle());
        assertEquals(2, api.get("/api/articles").json().getInt("articlesCount"));

        api.delete("/api/articles/" + newer, author.token());
        assertEquals("Cached story", firstTitle());
        assertEquals(Status.NOT_FOUND_404.code(), api.get("/api/articles/" + newer).status());
    }

    private String firstTitle() {
        return api.get("/api/articles").json().getJsonArray("articles").getJsonObject(0).getString("title");
    }

    private JsonObject article(String slug) {
        return api.get("/api/articles/" + slug).json().getJsonObject("article");
    }
}
