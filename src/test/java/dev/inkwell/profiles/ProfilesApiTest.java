package dev.inkwell.profiles;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.TestApp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesApiTest {

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
    void followAndUnfollowChangeWhatTheFollowerSees() {
        Api.User celeb = api.register("celeb");
        Api.User fan = api.register("fan");
        Response anonymous = api.get("/api/profiles/" + celeb.username());
        assertEquals(200, anonymous.status());
        assertEquals(celeb.username(), anonymous.json().getJsonObject("profile").getString("username"));
        assertFalse(anonymous.json().getJsonObject("profile").getBoolean("following"));

        Response follow = api.post("/api/profiles/" + celeb.username() + "/follow", "{}", fan.token());
        assertEquals(200, follow.status());
        assertTrue(follow.json().getJsonObject("profile").getBoolean("following"));
        assertTrue(api.get("/api/profiles/" + celeb.username(), fan.token()).json().getJsonObject("profile")
                           .getBoolean("following"));
        assertFalse(api.get("/api/profiles/" + celeb.username(), celeb.token()).json().getJsonObject("profile")
                            .getBoolean("following"));

        Response unfollow = api.delete("/api/profiles/" + celeb.username() + "/follow", fan.token());
        assertEquals(200, unfollow.status());
        assertFalse(unfollow.json().getJsonObject("profile").getBoolean("following"));
        assertFalse(api.get("/api/profiles/" + celeb.username(), fan.token()).json().getJsonObject("profile")
                            .getBoolean("following"));
    }

    @Test
    void errors() {
        Api.User user = api.register("lonely");
        assertEquals(404, api.get("/api/profiles/nobody-by-that-name").status());
        assertEquals(404, api.post("/api/profiles/nobody-by-that-name/follow", null, user.token()).status());
        assertEquals(401, api.post("/api/profiles/" + user.username() + "/follow", null, null).status());
        Response self = api.post("/api/profiles/" + user.username() + "/follow", null, user.token());
        assertEquals(422, self.status());
        assertEquals("you cannot follow yourself", self.errors("profile").get(0));
    }
}
