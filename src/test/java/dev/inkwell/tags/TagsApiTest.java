package dev.inkwell.tags;

import java.net.URI;
import java.util.List;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.ServedApp;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ServerTest
class TagsApiTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private final Api api;

    TagsApiTest(URI uri) {
        this.api = new Api(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
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

    private List<String> tags() {
        return api.get("/api/tags").json().getJsonArray("tags").getValuesAs(JsonString::getString);
    }
}
