package dev.inkwell.tags;

import java.util.List;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.RunningApp;

import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TagsApiTest {

    @RegisterExtension
    static final RunningApp app = new RunningApp();

    @Test
    void tagsInUseMostUsedFirstAndUnusedOnesDisappear() {
        assertEquals(List.of(), tags());
        Api.User author = app.api().register("tagger");
        app.api().publish(author, "One", "java", "web");
        String second = app.api().publish(author, "Two", "java");
        String third = app.api().publish(author, "Three", "rust");
        assertEquals(List.of("java", "rust", "web"), tags());
        app.api().delete("/api/articles/" + third, author.token());
        assertEquals(List.of("java", "web"), tags());
        app.api().put("/api/articles/" + second, "{\"article\":{\"tagList\":[\"go\"]}}", author.token());
        assertEquals(List.of("go", "java", "web"), tags());
        assertEquals(1, app.api().get("/api/articles?tag=java").json().getInt("articlesCount"));
        assertEquals(1, app.api().get("/api/articles?tag=go").json().getInt("articlesCount"));
    }

    private static List<String> tags() {
        return app.api().get("/api/tags").json().getJsonArray("tags").getValuesAs(JsonString::getString);
    }
}
