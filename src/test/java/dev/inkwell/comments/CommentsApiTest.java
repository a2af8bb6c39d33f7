package dev.inkwell.comments;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.TestApp;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommentsApiTest {

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
    void commentsAreAddedListedAndDeletedByTheirAuthorOnly() {
        Api.User author = api.register("writer");
        Api.User commenter = api.register("commenter");
        String slug = api.publish(author, "Open for comments");

        Response added = api.post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"First!\"}}",
                                  commenter.token());
        assertEquals(200, added.status(), added.body());
        JsonObject comment = added.json().getJsonObject("comment");
        assertEquals("First!", comment.getString("body"));
        assertEquals(commenter.username(), comment.getJsonObject("author").getString("username"));
        assertTrue(comment.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        api.post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"Second\"}}", author.token());

        Response anonymous = api.get("/api/articles/" + slug + "/comments");
        assertEquals(200, anonymous.status());
        assertEquals(2, anonymous.json().getJsonArray("comments").size());
        assertEquals("First!", anonymous.json().getJsonArray("comments").getJsonObject(0).getString("body"));

        String path = "/api/articles/" + slug + "/comments/" + comment.getInt("id");
        Response forbidden = api.delete(path, author.token());
        assertEquals(403, forbidden.status());
        assertEquals(2, api.get("/api/articles/" + slug + "/comments").json().getJsonArray("comments").size());
        assertEquals(204, api.delete(path, commenter.token()).status());
        assertEquals(1, api.get("/api/articles/" + slug + "/comments").json().getJsonArray("comments").size());
        assertEquals(404, api.delete(path, commenter.token()).status());
        assertEquals(404, api.delete("/api/articles/" + slug + "/comments/abc", commenter.token()).status());
    }

    @Test
    void badCommentsAreRefused() {
        Api.User user = api.register("picky");
        String slug = api.publish(user, "Strict comments");
        Response blank = api.post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\" \"}}",
                                  user.token());
        assertEquals(422, blank.status());
        assertEquals("can't be blank", blank.errors("body").get(0));
        assertEquals(401, api.post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"x\"}}", null)
                .status());
        assertEquals(404, api.get("/api/articles/missing-article/comments").status());
        assertEquals(404, api.post("/api/articles/missing-article/comments", "{\"comment\":{\"body\":\"x\"}}",
                                   user.token()).status());
    }
}
