package dev.inkwell.tags;

import java.util.List;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.TestApp;

import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TagsApiTest {

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
    void tagsInUseMostUsedFirstAndUnusedOnesDisappear() {
        assertEquals(List.of(), tags());
        Api.User author = api.register("tagger");
        api.publish(author, "One", "java", "web");
        String second = api.publish(author, "Two", "java");
        String third = api.publish(author, "Three", "rust");
        assertEquals(List.of("java", "rust", "web"), tags());
        api.delete("/api/articles/" + third, author.token());
        assertEquals(List.of("java", "web"), tags());
        api.put("/api/articles/" + second, "{\"article\":{\"tagList\":[\"go\"]}}", author.token());
        assertEquals(List.of("go", "java", "web"), tags());
        assertEquals(1, api.get("/api/articles?tag=java").json().getInt("articlesCount"));
        assertEquals(1, api.get("/api/articles?tag=go").json().getInt("articlesCount"));
    }

    private static List<String> tags() {
        return api.get("/api/tags").json().getJsonArray("tags").getValuesAs(JsonString::getString);
    }
}
