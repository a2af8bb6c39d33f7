package dev.inkwell.profiles;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.RunningApp;

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
        assertEquals(200, anonymous.status());
        assertEquals(celeb.username(), anonymous.json().getJsonObject("profile").getString("username"));
        assertFalse(anonymous.json().getJsonObject("profile").getBoolean("following"));

        Response follow = app.api().post("/api/profiles/" + celeb.username() + "/follow", "{}", fan.token());
        assertEquals(200, follow.status());
        assertTrue(follow.json().getJsonObject("profile").getBoolean("following"));
        assertTrue(app.api().get("/api/profiles/" + celeb.username(), fan.token()).json().getJsonObject("profile")
                           .getBoolean("following"));
        assertFalse(app.api().get("/api/profiles/" + celeb.username(), celeb.token()).json().getJsonObject("profile")
                            .getBoolean("following"));

        Response unfollow = app.api().delete("/api/profiles/" + celeb.username() + "/follow", fan.token());
        assertEquals(200, unfollow.status());
        assertFalse(unfollow.json().getJsonObject("profile").getBoolean("following"));
        assertFalse(app.api().get("/api/profiles/" + celeb.username(), fan.token()).json().getJsonObject("profile")
                            .getBoolean("following"));
    }

    @Test
    void errors() {
        Api.User user = app.api().register("lonely");
        assertEquals(404, app.api().get("/api/profiles/nobody-by-that-name").status());
        assertEquals(404, app.api().post("/api/profiles/nobody-by-that-name/follow", null, user.token()).status());
        assertEquals(401, app.api().post("/api/profiles/" + user.username() + "/follow", null, null).status());
        Response self = app.api().post("/api/profiles/" + user.username() + "/follow", null, user.token());
        assertEquals(422, self.status());
        assertEquals("you cannot follow yourself", self.errors("profile").get(0));
    }
}
