package dev.inkwell.comments;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.RunningApp;

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
        assertEquals(200, added.status(), added.body());
        JsonObject comment = added.json().getJsonObject("comment");
        assertEquals("First!", comment.getString("body"));
        assertEquals(commenter.username(), comment.getJsonObject("author").getString("username"));
        assertTrue(comment.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        app.api().post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"Second\"}}", author.token());

        Response anonymous = app.api().get("/api/articles/" + slug + "/comments");
        assertEquals(200, anonymous.status());
        assertEquals(2, anonymous.json().getJsonArray("comments").size());
        assertEquals("First!", anonymous.json().getJsonArray("comments").getJsonObject(0).getString("body"));

        String path = "/api/articles/" + slug + "/comments/" + comment.getInt("id");
        Response forbidden = app.api().delete(path, author.token());
        assertEquals(403, forbidden.status());
        assertEquals(2, app.api().get("/api/articles/" + slug + "/comments").json().getJsonArray("comments").size());
        assertEquals(204, app.api().delete(path, commenter.token()).status());
        assertEquals(1, app.api().get("/api/articles/" + slug + "/comments").json().getJsonArray("comments").size());
        assertEquals(404, app.api().delete(path, commenter.token()).status());
        assertEquals(404, app.api().delete("/api/articles/" + slug + "/comments/abc", commenter.token()).status());
    }

    @Test
    void badCommentsAreRefused() {
        Api.User user = app.api().register("picky");
        String slug = app.api().publish(user, "Strict comments");
        Response blank = app.api().post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\" \"}}",
                                  user.token());
        assertEquals(422, blank.status());
        assertEquals("can't be blank", blank.errors("body").get(0));
        assertEquals(401, app.api().post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"x\"}}", null)
                .status());
        assertEquals(404, app.api().get("/api/articles/missing-article/comments").status());
        assertEquals(404, app.api().post("/api/articles/missing-article/comments", "{\"comment\":{\"body\":\"x\"}}",
                                   user.token()).status());
    }
}
