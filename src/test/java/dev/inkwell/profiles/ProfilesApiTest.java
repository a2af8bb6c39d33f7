package dev.inkwell.profiles;

import java.net.URI;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ServerTest
class ProfilesApiTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private final Api api;

    ProfilesApiTest(URI uri) {
        this.api = new Api(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void followAndUnfollowChangeWhatTheFollowerSees() {
        Api.User celeb = api.register("celeb");
        Api.User fan = api.register("fan");
        Response anonymous = api.get("/api/profiles/" + celeb.username());
        assertEquals(Status.OK_200.code(), anonymous.status());
        assertEquals(celeb.username(), anonymous.json().getJsonObject("profile").getString("username"));
        assertFalse(anonymous.json().getJsonObject("profile").getBoolean("following"));

        Response follow = api.post("/api/profiles/" + celeb.username() + "/follow", "{}", fan.token());
        assertEquals(Status.OK_200.code(), follow.status());
        assertTrue(follow.json().getJsonObject("profile").getBoolean("following"));
        assertTrue(api.get("/api/profiles/" + celeb.username(), fan.token()).json().getJsonObject("profile")
                           .getBoolean("following"));
        assertFalse(api.get("/api/profiles/" + celeb.username(), celeb.token()).json().getJsonObject("profile")
                            .getBoolean("following"));

        Response unfollow = api.delete("/api/profiles/" + celeb.username() + "/follow", fan.token());
        assertEquals(Status.OK_200.code(), unfollow.status());
        assertFalse(unfollow.json().getJsonObject("profile").getBoolean("following"));
        assertFalse(api.get("/api/profiles/" + celeb.username(), fan.token()).json().getJsonObject("profile")
                            .getBoolean("following"));
    }

    @Test
    void errors() {
        Api.User user = api.register("lonely");
        assertEquals(Status.NOT_FOUND_404.code(), api.get("/api/profiles/nobody-by-that-name").status());
        assertEquals(Status.NOT_FOUND_404.code(), api.post("/api/profiles/nobody-by-that-name/follow", null, user.token()).status());
        assertEquals(Status.UNAUTHORIZED_401.code(), api.post("/api/profiles/" + user.username() + "/follow", null, null).status());
        Response self = api.post("/api/profiles/" + user.username() + "/follow", null, user.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), self.status());
        assertEquals("you cannot follow yourself", self.errors("profile").get(0));
    }
}
