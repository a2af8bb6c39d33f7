package dev.inkwell.users;

import java.net.URI;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ServerTest
class UsersApiTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private final Api api;

    UsersApiTest(URI uri) {
        this.api = new Api(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void registerAnswers201WithTheUserAndTokens() {
        Response response = api.post("/api/users",
                "{\"user\":{\"username\":\"jake\",\"email\":\"jake@jake.jake\",\"password\":\"jakejake\"}}", null);
        assertEquals(Status.CREATED_201.code(), response.status(), response.body());
        assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
        JsonObject user = response.json().getJsonObject("user");
        assertEquals("jake", user.getString("username"));
        assertEquals("jake@jake.jake", user.getString("email"));
        assertEquals(JsonValue.NULL, user.get("bio"));
        assertEquals(JsonValue.NULL, user.get("image"));
        assertEquals(3, user.getString("token").split("\\.").length);
        assertFalse(user.getString("refreshToken").isBlank());
        String cookie = response.header("Set-Cookie");
        assertNotNull(cookie);
        assertTrue(cookie.startsWith("inkwell_refresh="), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("Path=/api/auth") && cookie.contains("SameSite=Lax"),
                   cookie);
    }

    @Test
    void takenUsernameOrEmailAnswers409() {
        Api.User existing = api.register("taken");
        Response sameName = api.post("/api/users", """
                {"user":{"username":"%s","email":"other@x.test","password":"password1"}}"""
                .formatted(existing.username().toUpperCase()), null);
        assertEquals(Status.CONFLICT_409.code(), sameName.status());
        assertEquals("has already been taken", sameName.errors("username").get(0));
        Response sameEmail = api.post("/api/users", """
                {"user":{"username":"someoneelse","email":"%s","password":"password1"}}"""
                .formatted(existing.email().toUpperCase()), null);
        assertEquals(Status.CONFLICT_409.code(), sameEmail.status());
        assertEquals("has already been taken", sameEmail.errors("email").get(0));
    }

    @Test
    void invalidRegistrationsAnswer422AndCreateNothing() {
        Response missing = api.post("/api/users", "{\"user\":{}}", null);
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), missing.status());
        for (String field : new String[] {"username", "email", "password"}) {
            assertEquals("can't be blank", missing.errors(field).get(0));
        }
        Response bad = api.post("/api/users",
                "{\"user\":{\"username\":\"a b\",\"email\":\"not-an-email\",\"password\":\"short\"}}", null);
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), bad.status());
        assertFalse(bad.errors("username").isEmpty());
        assertEquals("is invalid", bad.errors("email").get(0));
        assertTrue(bad.errors("password").get(0).contains("too short"));
        Response wrongType = api.post("/api/users",
                "{\"user\":{\"username\":5,\"email\":\"n@x.test\",\"password\":\"password1\"}}", null);
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), wrongType.status());
        assertEquals("must be a string", wrongType.errors("username").get(0));
        Response noWrapper = api.post("/api/users",
                "{\"username\":\"nowrap\",\"email\":\"n@x.test\",\"password\":\"password1\"}", null);
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), noWrapper.status());
        assertEquals("must be an object", noWrapper.errors("user").get(0));
        Response malformed = api.post("/api/users", "{\"user\":", null);
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), malformed.status());
        assertEquals("is not valid JSON", malformed.errors("body").get(0));
        assertEquals(Status.UNAUTHORIZED_401.code(), api.post("/api/users/login",
                "{\"user\":{\"email\":\"n@x.test\",\"password\":\"password1\"}}", null).status());
    }

    @Test
    void loginReturnsTheUserAndRejectsWrongCredentials() {
        Api.User user = api.register("login");
        Response ok = api.post("/api/users/login", """
                {"user":{"email":"%s","password":"%s"}}""".formatted(user.email(), user.password()), null);
        assertEquals(Status.OK_200.code(), ok.status());
        assertEquals(user.username(), ok.json().getJsonObject("user").getString("username"));
        Response wrong = api.post("/api/users/login", """
                {"user":{"email":"%s","password":"wrong-password"}}""".formatted(user.email()), null);
        assertEquals(Status.UNAUTHORIZED_401.code(), wrong.status());
        assertEquals("email or password is invalid", wrong.errors("body").get(0));
        Response unknown = api.post("/api/users/login",
                "{\"user\":{\"email\":\"nobody@x.test\",\"password\":\"whatever1\"}}", null);
        assertEquals(Status.UNAUTHORIZED_401.code(), unknown.status());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), api.post("/api/users/login", "{\"user\":{\"email\":\"a@b.cd\"}}", null).status());
    }

    @Test
    void currentUserNeedsAValidToken() {
        Api.User user = api.register("current");
        Response withToken = api.get("/api/user", user.token());
        assertEquals(Status.OK_200.code(), withToken.status());
        assertEquals(user.email(), withToken.json().getJsonObject("user").getString("email"));
        Response bearer = api.send("GET", "/api/user", null,
                                   java.util.Map.of("Authorization", "Bearer " + user.token()));
        assertEquals(Status.OK_200.code(), bearer.status());
        assertEquals(Status.UNAUTHORIZED_401.code(), api.get("/api/user").status());
        assertEquals(Status.UNAUTHORIZED_401.code(), api.get("/api/user", user.token() + "x").status());
        assertEquals(Status.UNAUTHORIZED_401.code(), api.send("GET", "/api/user", null,
                                   java.util.Map.of("Authorization", "Basic abc")).status());
    }

    @Test
    void updateChangesOnlyTheGivenFields() {
        Api.User user = api.register("update");
        Response response = api.put("/api/user",
                "{\"user\":{\"bio\":\"I write\",\"image\":\"https://img.test/me.png\"}}", user.token());
        assertEquals(Status.OK_200.code(), response.status(), response.body());
        JsonObject updated = response.json().getJsonObject("user");
        assertEquals("I write", updated.getString("bio"));
        assertEquals("https://img.test/me.png", updated.getString("image"));
        assertEquals(user.email(), updated.getString("email"));
        Response cleared = api.put("/api/user", "{\"user\":{\"image\":null}}", user.token());
        assertEquals(JsonValue.NULL, cleared.json().getJsonObject("user").get("image"));
        assertEquals("I write", cleared.json().getJsonObject("user").getString("bio"));

        Response newPassword = api.put("/api/user", """
                {"user":{"password":"a-new-password","currentPassword":"%s"}}""".formatted(user.password()),
                                             user.token());
        assertEquals(Status.OK_200.code(), newPassword.status(), newPassword.body());
        assertEquals(Status.OK_200.code(), api.post("/api/users/login", """
                {"user":{"email":"%s","password":"a-new-password"}}""".formatted(user.email()), null).status());

        Api.User other = api.register("other");
        Response taken = api.put("/api/user", "{\"user\":{\"username\":\"%s\"}}".formatted(other.username()),
                                 user.token());
        assertEquals(Status.CONFLICT_409.code(), taken.status());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), api.put("/api/user", "{\"user\":{\"image\":\"javascript:alert(1)\"}}", user.token())
                .status());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), api.put("/api/user", "{\"user\":{\"email\":\"\"}}", user.token()).status());
        assertEquals(Status.UNAUTHORIZED_401.code(), api.put("/api/user", "{\"user\":{\"bio\":\"x\"}}", null).status());
    }

    @Test
    void aNewPasswordOrEmailNeedsTheCurrentPasswordAndNothingElseDoes() {
        Api.User user = api.register("guarded");
        Response noCurrent = api.put("/api/user", "{\"user\":{\"password\":\"stolen-token-pw\"}}", user.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), noCurrent.status());
        assertEquals("is needed to change the email or password", noCurrent.errors("currentPassword").get(0));
        Response wrongCurrent = api.put("/api/user",
                "{\"user\":{\"email\":\"thief@x.test\",\"currentPassword\":\"not-it-at-all\"}}", user.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), wrongCurrent.status());
        assertEquals("is wrong", wrongCurrent.errors("currentPassword").get(0));
        Response wrongType = api.put("/api/user",
                "{\"user\":{\"password\":\"stolen-token-pw\",\"currentPassword\":5}}", user.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), wrongType.status());
        assertEquals("must be a string", wrongType.errors("currentPassword").get(0));
        // Nothing changed.
        assertEquals(Status.OK_200.code(), login(user.email(), user.password()).status());
        assertEquals(Status.UNAUTHORIZED_401.code(), login("thief@x.test", user.password()).status());

        // What the RealWorld suite sends: the e-mail unchanged (or only its case), the profile fields.
        Response same = api.put("/api/user", """
                {"user":{"email":"%s","bio":"hello","image":"https://img.test/a.png","username":"%s"}}"""
                .formatted(user.email().toUpperCase(), user.username()), user.token());
        assertEquals(Status.OK_200.code(), same.status(), same.body());
        assertEquals(Status.OK_200.code(), refresh(user.refreshToken()).status(), "a change of anything else ends no sign-in");

        Response newEmail = api.put("/api/user", """
                {"user":{"email":"moved-%s","currentPassword":"%s"}}""".formatted(user.email(), user.password()),
                                          user.token());
        assertEquals(Status.OK_200.code(), newEmail.status(), newEmail.body());
        assertEquals(Status.OK_200.code(), login("moved-" + user.email(), user.password()).status());
    }

    @Test
    void aNewPasswordEndsEverySignInAndTheCallerGetsANewPair() {
        Api.User user = api.register("everywhere");
        String secondDevice = login(user.email(), user.password()).json().getJsonObject("user").getString("refreshToken");
        String thirdDevice = login(user.email(), user.password()).json().getJsonObject("user").getString("refreshToken");
        Response rotated = refresh(thirdDevice);
        assertEquals(Status.OK_200.code(), rotated.status());
        thirdDevice = rotated.json().getJsonObject("user").getString("refreshToken");

        Response changed = api.put("/api/user", """
                {"user":{"password":"brand-new-password","currentPassword":"%s"}}""".formatted(user.password()),
                                         user.token());
        assertEquals(Status.OK_200.code(), changed.status(), changed.body());
        JsonObject body = changed.json().getJsonObject("user");
        String newRefresh = body.getString("refreshToken");
        assertTrue(changed.header("Set-Cookie").startsWith("inkwell_refresh=" + newRefresh), changed.header("Set-Cookie"));
        assertEquals(Status.OK_200.code(), api.get("/api/user", body.getString("token")).status());

        for (String old : new String[] {user.refreshToken(), secondDevice, thirdDevice}) {
            assertEquals(Status.UNAUTHORIZED_401.code(), refresh(old).status(), "every earlier sign-in is over");
        }
        assertEquals(Status.OK_200.code(), refresh(newRefresh).status(), "the caller's new sign-in works");
        assertEquals(Status.UNAUTHORIZED_401.code(), login(user.email(), user.password()).status());
        assertEquals(Status.OK_200.code(), login(user.email(), "brand-new-password").status());
    }

    private Response login(String email, String password) {
        return api.post("/api/users/login", """
                {"user":{"email":"%s","password":"%s"}}""".formatted(email, password), null);
    }

    private Response refresh(String token) {
        return api.post("/api/auth/refresh", "{\"refreshToken\":\"" + token + "\"}", null);
    }
}
