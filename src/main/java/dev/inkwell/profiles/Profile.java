package dev.inkwell.profiles;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import static dev.inkwell.platform.JsonBodies.JSON;

/** A user as others see them. {@code following} is from the viewer's point of view. */
public record Profile(String username, String bio, String image, boolean following) {

    public JsonObjectBuilder toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("username", username);
        if (bio == null) {
            json.addNull("bio");
        } else {
            json.add("bio", bio);
        }
        if (image == null) {
            json.addNull("image");
        } else {
            json.add("image", image);
        }
        return json.add("following", following);
    }

    public JsonObject toDocument() {
        return JSON.createObjectBuilder().add("profile", toJson()).build();
    }
}
