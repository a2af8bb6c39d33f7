package dev.inkwell.web;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.FormClient;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes through the pages: only to what the visitor owns, and within the same limits as the API. */
@ServerTest
class PageWritesTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp(Map.of("RATE_LIMIT_WRITES_PER_MINUTE", "4"));

    private final Api api;
    private final String base;

    PageWritesTest(URI uri) {
        this.api = new Api(uri);
        this.base = ServedApp.base(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void anotherUsersArticleAndCommentCannotBeChangedThroughThePages() {
        Api.User owner = api.register("owner");
        Api.User intruder = api.register("intruder");
        String slug = api.publish(owner, "Mine alone");
        int comment = api.post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"kept\"}}",
                                     owner.token()).json().getJsonObject("comment").getInt("id");
        FormClient browser = signedIn(intruder);
        String article = "/article/" + slug;

        HttpResponse<String> edit = browser.submit(article, "/editor/" + slug,
                                                   Map.of("title", "Taken over", "description", "d", "body", "b", "tags", ""));
        assertEquals(Status.FORBIDDEN_403.code(), edit.statusCode(), edit.body());
        assertEquals(Status.FORBIDDEN_403.code(), browser.submit(article, article + "/delete", Map.of()).statusCode());
        assertEquals(Status.FORBIDDEN_403.code(), browser.submit(article, article + "/comments/" + comment + "/delete", Map.of()).statusCode());

        assertEquals("Mine alone", api.get("/api/articles/" + slug).json().getJsonObject("article").getString("title"));
        assertEquals(1, api.get("/api/articles/" + slug + "/comments").json().getJsonArray("comments").size());
    }

    @Test
    void pageWritesCountAgainstTheUsersWriteLimit() {
        Api.User writer = api.register("prolific");
        FormClient browser = signedIn(writer);
        Map<String, String> article = Map.of("title", "Page post", "description", "d", "body", "b", "tags", "");
        for (int i = 0; i < 4; i++) {
            assertEquals(Status.SEE_OTHER_303.code(), browser.submit("/editor", "/editor", article).statusCode());
        }
        HttpResponse<String> limited = browser.submit("/editor", "/editor", article);
        assertEquals(Status.TOO_MANY_REQUESTS_429.code(), limited.statusCode());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent(), "says when to come back");
        assertTrue(limited.body().contains("Too many attempts"), "an error page in the site's style");
        assertEquals(4, api.get("/api/articles?author=" + writer.username()).json().getInt("articlesCount"));
    }

    private FormClient signedIn(Api.User user) {
        return FormClient.signedIn(base, user);
    }
}
