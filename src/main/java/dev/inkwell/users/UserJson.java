package dev.inkwell.users;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import static dev.inkwell.platform.JsonBodies.JSON;

/** The {@code {"user": ...}} document of the API. */
public final class UserJson {

    private UserJson() {
    }

    /** The user with a fresh access token and, when one was issued, a refresh token. */
    public static JsonObject of(User user, String token, String refreshToken) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("email", user.email())
                .add("token", token)
                .add("username", user.username());
        nullable(body, "bio", user.bio());
        nullable(body, "image", user.image());
        if (refreshToken != null) {
            body.add("refreshToken", refreshToken);
        }
        return JSON.createObjectBuilder().add("user", body).build();
    }

    static void nullable(JsonObjectBuilder builder, String name, String value) {
        if (value == null) {
            builder.addNull(name);
        } else {
            builder.add(name, value);
        }
    }
}
