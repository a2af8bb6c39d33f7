package dev.inkwell.platform;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.RunningApp;

import io.helidon.http.Status;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Anonymous reads come from the Redis cache; every write must show up in the very next read. */
class CacheInvalidationTest {

    @RegisterExtension
    static final RunningApp app = new RunningApp();

    @Test
    void writesShowInTheNextAnonymousRead() {
        Api.User author = app.api().register("cached");
        Api.User fan = app.api().register("fan");
        String slug = app.api().publish(author, "Cached story", "cache");
        // Warm the cache, twice so the second read is a hit.
        app.api().get("/api/articles");
        assertEquals("Cached story", firstTitle());
        app.api().get("/api/articles/" + slug);
        app.api().get("/api/tags");
        assertTrue(app.admin().get("/metrics").body().contains("inkwell_cache_hits"));

        app.api().put("/api/articles/" + slug, "{\"article\":{\"body\":\"Edited body\",\"tagList\":[\"fresh\"]}}",
                author.token());
        assertEquals("Edited body", article(slug).getString("body"));
        assertEquals("[\"fresh\"]", app.api().get("/api/tags").json().getJsonArray("tags").toString());

        app.api().post("/api/articles/" + slug + "/favorite", null, fan.token());
        assertEquals(1, article(slug).getInt("favoritesCount"));
        assertEquals(1, app.api().get("/api/articles").json().getJsonArray("articles").getJsonObject(0)
                .getInt("favoritesCount"));

        app.api().put("/api/user", "{\"user\":{\"bio\":\"New bio\"}}", author.token());
        assertEquals("New bio", article(slug).getJsonObject("author").getString("bio"));

        String newer = app.api().publish(author, "Newer story");
        assertEquals("Newer story", firstTitle());
        assertEquals(2, app.api().get("/api/articles").json().getInt("articlesCount"));

        app.api().delete("/api/articles/" + newer, author.token());
        assertEquals("Cached story", firstTitle());
        assertEquals(Status.NOT_FOUND_404.code(), app.api().get("/api/articles/" + newer).status());
    }

    private static String firstTitle() {
        return app.api().get("/api/articles").json().getJsonArray("articles").getJsonObject(0).getString("title");
    }

    private static JsonObject article(String slug) {
        return app.api().get("/api/articles/" + slug).json().getJsonObject("article");
    }
}
