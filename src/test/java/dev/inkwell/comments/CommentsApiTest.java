package dev.inkwell.comments;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.RunningApp;

import io.helidon.http.Status;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommentsApiTest {

    @RegisterExtension
    static final RunningApp app = new RunningApp();

    @Test
    void commentsAreAddedListedAndDeletedByTheirAuthorOnly() {
        Api.User author = app.api().register("writer");
        Api.User commenter = app.api().register("commenter");
        String slug = app.api().publish(author, "Open for comments");

        Response added = app.api().post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"First!\"}}",
                                  commenter.token());
        assertEquals(Status.OK_200.code(), added.status(), added.body());
        JsonObject comment = added.json().getJsonObject("comment");
        assertEquals("First!", comment.getString("body"));
        assertEquals(commenter.username(), comment.getJsonObject("author").getString("username"));
        assertTrue(comment.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        app.api().post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"Second\"}}", author.token());

        Response anonymous = app.api().get("/api/articles/" + slug + "/comments");
        assertEquals(Status.OK_200.code(), anonymous.status());
        assertEquals(2, anonymous.json().getJsonArray("comments").size());
        assertEquals("First!", anonymous.json().getJsonArray("comments").getJsonObject(0).getString("body"));

        String path = "/api/articles/" + slug + "/comments/" + comment.getInt("id");
        Response forbidden = app.api().delete(path, author.token());
        assertEquals(Status.FORBIDDEN_403.code(), forbidden.status());
        assertEquals(2, app.api().get("/api/articles/" + slug + "/comments").json().getJsonArray("comments").size());
        assertEquals(Status.NO_CONTENT_204.code(), app.api().delete(path, commenter.token()).status());
        assertEquals(1, app.api().get("/api/articles/" + slug + "/comments").json().getJsonArray("comments").size());
        assertEquals(Status.NOT_FOUND_404.code(), app.api().delete(path, commenter.token()).status());
        assertEquals(Status.NOT_FOUND_404.code(), app.api().delete("/api/articles/" + slug + "/comments/abc", commenter.token()).status());
    }

    @Test
    void badCommentsAreRefused() {
        Api.User user = app.api().register("picky");
        String slug = app.api().publish(user, "Strict comments");
        Response blank = app.api().post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\" \"}}",
                                  user.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), blank.status());
        assertEquals("can't be blank", blank.errors("body").get(0));
        assertEquals(Status.UNAUTHORIZED_401.code(), app.api().post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"x\"}}", null)
                .status());
        assertEquals(Status.NOT_FOUND_404.code(), app.api().get("/api/articles/missing-article/comments").status());
        assertEquals(Status.NOT_FOUND_404.code(), app.api().post("/api/articles/missing-article/comments", "{\"comment\":{\"body\":\"x\"}}",
                                   user.token()).status());
    }

    @Test
    void commentsArePagedByTheLastIdSeenAndTheFullListCrossesBatches() {
        Api.User author = app.api().register("chatty");
        String slug = app.api().publish(author, "Many comments");
        // 250 comments straight into the table: more than one batch of the streamed full list.
        insertComments(slug, 250, "comment ", "");
        String path = "/api/articles/" + slug + "/comments";

        var all = app.api().get(path).json().getJsonArray("comments");
        assertEquals(250, all.size());
        for (int i = 0; i < 250; i++) {
            assertEquals("comment " + (i + 1), all.getJsonObject(i).getString("body"));
        }
        var first = app.api().get(path + "?limit=100").json().getJsonArray("comments");
        assertEquals(100, first.size());
        int last = first.getJsonObject(99).getInt("id");
        var next = app.api().get(path + "?limit=100&after=" + last).json().getJsonArray("comments");
        assertEquals("comment 101", next.getJsonObject(0).getString("body"));
        var rest = app.api().get(path + "?after=" + next.getJsonObject(99).getInt("id")).json().getJsonArray("comments");
        assertEquals(50, rest.size());

        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), app.api().get(path + "?limit=101").status());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), app.api().get(path + "?limit=0").status());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), app.api().get(path + "?after=-1").status());
        assertEquals("must be a whole number from 1 to 100", app.api().get(path + "?limit=x").errors("limit").get(0));
    }

    @Test
    void theArticlePageShowsCommentsAPageAtATime() {
        Api.User author = app.api().register("pager");
        String slug = app.api().publish(author, "Paged comments");
        insertComments(slug, 120, "remark number ", ".");
        String page = app.api().get("/article/" + slug).body();
        assertTrue(page.contains("remark number 50."), "first page");
        assertTrue(!page.contains("remark number 51."), "only 50 on the first page");
        var more = java.util.regex.Pattern.compile("href=\"(/article/[^\"]+comments_after=\\d+)#comments\"").matcher(page);
        assertTrue(more.find(), "a link to more comments");
        String second = app.api().get(more.group(1)).body();
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
