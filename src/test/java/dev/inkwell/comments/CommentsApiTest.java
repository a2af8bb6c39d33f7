package dev.inkwell.comments;

import java.net.URI;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ServerTest
class CommentsApiTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private final Api api;

    CommentsApiTest(URI uri) {
        this.api = new Api(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void commentsAreAddedListedAndDeletedByTheirAuthorOnly() {
        Api.User author = api.register("writer");
        Api.User commenter = api.register("commenter");
        String slug = api.publish(author, "Open for comments");

        Response added = api.post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"First!\"}}",
                                  commenter.token());
        assertEquals(Status.OK_200.code(), added.status(), added.body());
        JsonObject comment = added.json().getJsonObject("comment");
        assertEquals("First!", comment.getString("body"));
        assertEquals(commenter.username(), comment.getJsonObject("author").getString("username"));
        assertTrue(comment.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        api.post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"Second\"}}", author.token());

        Response anonymous = api.get("/api/articles/" + slug + "/comments");
        assertEquals(Status.OK_200.code(), anonymous.status());
        assertEquals(2, anonymous.json().getJsonArray("comments").size());
        assertEquals("First!", anonymous.json().getJsonArray("comments").getJsonObject(0).getString("body"));

        String path = "/api/articles/" + slug + "/comments/" + comment.getInt("id");
        Response forbidden = api.delete(path, author.token());
        assertEquals(Status.FORBIDDEN_403.code(), forbidden.status());
        assertEquals(2, api.get("/api/articles/" + slug + "/comments").json().getJsonArray("comments").size());
        assertEquals(Status.NO_CONTENT_204.code(), api.delete(path, commenter.token()).status());
        assertEquals(1, api.get("/api/articles/" + slug + "/comments").json().getJsonArray("comments").size());
        assertEquals(Status.NOT_FOUND_404.code(), api.delete(path, commenter.token()).status());
        assertEquals(Status.NOT_FOUND_404.code(), api.delete("/api/articles/" + slug + "/comments/abc", commenter.token()).status());
    }

    @Test
    void badCommentsAreRefused() {
        Api.User user = api.register("picky");
        String slug = api.publish(user, "Strict comments");
        Response blank = api.post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\" \"}}",
                                  user.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), blank.status());
        assertEquals("can't be blank", blank.errors("body").get(0));
        assertEquals(Status.UNAUTHORIZED_401.code(), api.post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"x\"}}", null)
                .status());
        assertEquals(Status.NOT_FOUND_404.code(), api.get("/api/articles/missing-article/comments").status());
        assertEquals(Status.NOT_FOUND_404.code(), api.post("/api/articles/missing-article/comments", "{\"comment\":{\"body\":\"x\"}}",
                                   user.token()).status());
    }

    @Test
    void commentsArePagedByTheLastIdSeenAndTheFullListCrossesBatches() {
        Api.User author = api.register("chatty");
        String slug = api.publish(author, "Many comments");
        // 250 comments straight into the table: more than one batch of the streamed full list.
        insertComments(slug, 250, "comment ", "");
        String path = "/api/articles/" + slug + "/comments";

        var all = api.get(path).json().getJsonArray("comments");
        assertEquals(250, all.size());
        for (int i = 0; i < 250; i++) {
            assertEquals("comment " + (i + 1), all.getJsonObject(i).getString("body"));
        }
        var first = api.get(path + "?limit=100").json().getJsonArray("comments");
        assertEquals(100, first.size());
        int last = first.getJsonObject(99).getInt("id");
        var next = api.get(path + "?limit=100&after=" + last).json().getJsonArray("comments");
        assertEquals("comment 101", next.getJsonObject(0).getString("body"));
        var rest = api.get(path + "?after=" + next.getJsonObject(99).getInt("id")).json().getJsonArray("comments");
        assertEquals(50, rest.size());

        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), api.get(path + "?limit=101").status());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), api.get(path + "?limit=0").status());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), api.get(path + "?after=-1").status());
        assertEquals("must be a whole number from 1 to 100", api.get(path + "?limit=x").errors("limit").get(0));
    }

    @Test
    void theArticlePageShowsCommentsAPageAtATime() {
        Api.User author = api.register("pager");
        String slug = api.publish(author, "Paged comments");
        insertComments(slug, 120, "remark number ", ".");
        String page = api.get("/article/" + slug).body();
        assertTrue(page.contains("remark number 50."), "first page");
        assertTrue(!page.contains("remark number 51."), "only 50 on the first page");
        var more = java.util.regex.Pattern.compile("href=\"(/article/[^\"]+comments_after=\\d+)#comments\"").matcher(page);
        assertTrue(more.find(), "a link to more comments");
        String second = api.get(more.group(1)).body();
        assertTrue(second.contains("remark number 51.") && second.contains("remark number 100."), "second page");
        assertTrue(!second.contains("remark number 50.") && !second.contains("remark number 101."), "only the second page");
        assertTrue(second.contains("Back to the first comments"));
    }

    /** Comments by the article's author, straight into the table, bodies prefix + number + suffix in order. */
    private static void insertComments(String slug, int count, String prefix, String suffix) {
        app.inkwell().database().client().execute().dml("""
                INSERT INTO comments (article_id, author_id, body)
                SELECT a.id, a.author_id, ? || n || ? FROM articles a, generate_series(1, ?) n
                WHERE a.slug = ? ORDER BY n""", prefix, suffix, count, slug);
    }
}
