package dev.inkwell.profiles;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.RunningApp;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesApiTest {

    @RegisterExtension
    static final RunningApp app = new RunningApp();

    @Test
    void followAndUnfollowChangeWhatTheFollowerSees() {
        Api.User celeb = app.api().register("celeb");
        Api.User fan = app.api().register("fan");
        Response anonymous = app.api().get("/api/profiles/" + celeb.username());
        assertEquals(Status.OK_200.code(), anonymous.status());
        assertEquals(celeb.username(), anonymous.json().getJsonObject("profile").getString("username"));
        assertFalse(anonymous.json().getJsonObject("profile").getBoolean("following"));

        Response follow = app.api().post("/api/profiles/" + celeb.username() + "/follow", "{}", fan.token());
        assertEquals(Status.OK_200.code(), follow.status());
        assertTrue(follow.json().getJsonObject("profile").getBoolean("following"));
        assertTrue(app.api().get("/api/profiles/" + celeb.username(), fan.token()).json().getJsonObject("profile")
                           .getBoolean("following"));
        assertFalse(app.api().get("/api/profiles/" + celeb.username(), celeb.token()).json().getJsonObject("profile")
                            .getBoolean("following"));

        Response unfollow = app.api().delete("/api/profiles/" + celeb.username() + "/follow", fan.token());
        assertEquals(Status.OK_200.code(), unfollow.status());
        assertFalse(unfollow.json().getJsonObject("profile").getBoolean("following"));
        assertFalse(app.api().get("/api/profiles/" + celeb.username(), fan.token()).json().getJsonObject("profile")
                            .getBoolean("following"));
    }

    @Test
    void errors() {
        Api.User user = app.api().register("lonely");
        assertEquals(Status.NOT_FOUND_404.code(), app.api().get("/api/profiles/nobody-by-that-name").status());
        assertEquals(Status.NOT_FOUND_404.code(), app.api().post("/api/profiles/nobody-by-that-name/follow", null, user.token()).status());
        assertEquals(Status.UNAUTHORIZED_401.code(), app.api().post("/api/profiles/" + user.username() + "/follow", null, null).status());
        Response self = app.api().post("/api/profiles/" + user.username() + "/follow", null, user.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), self.status());
        assertEquals("you cannot follow yourself", self.errors("profile").get(0));
    }
}
