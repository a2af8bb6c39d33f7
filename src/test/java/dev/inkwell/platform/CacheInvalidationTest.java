package dev.inkwell.platform;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.TestApp;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Anonymous reads come from the Redis cache; every write must show up in the very next read. */
class CacheInvalidationTest {

    private static TestApp app;
    private static Api api;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = app.api();
    }

    @AfterAll
    static void stop() {
        app.close();
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
        assertTrue(app.admin().get("/metrics").body().contains("inkwell_cache_hits"));

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
        assertEquals(404, api.get("/api/articles/" + newer).status());
    }

    private static String firstTitle() {
        return api.get("/api/articles").json().getJsonArray("articles").getJsonObject(0).getString("title");
    }

    private static JsonObject article(String slug) {
        return api.get("/api/articles/" + slug).json().getJsonObject("article");
    }
}
