package dev.inkwell.profiles;

import dev.inkwell.platform.JsonText;

/** A user as others see them. {@code following} is from the viewer's point of view. */
public record Profile(String username, String bio, String image, boolean following) {

    /** Writes the profile as the API shows it. */
    public void writeTo(JsonText json) {
        json.beginObject()
                .name("username").value(username)
                .name("bio").value(bio)
                .name("image").value(image)
                .name("following").value(following)
                .endObject();
    }

    /** {@code {"profile": ...}} */
    public String toDocument() {
        JsonText json = new JsonText().beginObject().name("profile");
        writeTo(json);
        return json.endObject().toString();
    }
}
