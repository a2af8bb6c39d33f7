package dev.inkwell.comments;

import java.time.Instant;

import dev.inkwell.platform.Timestamps;
import dev.inkwell.profiles.Profile;

import jakarta.json.JsonObjectBuilder;

import static dev.inkwell.platform.JsonBodies.JSON;

/** A comment on an article, with its author as the viewer sees them. */
public record Comment(long id, long authorId, String body, Instant createdAt, Instant updatedAt, Profile author) {

    public JsonObjectBuilder toJson() {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("createdAt", Timestamps.format(createdAt))
                .add("updatedAt", Timestamps.format(updatedAt))
                .add("body", body)
                .add("author", author.toJson());
    }
}
