package dev.inkwell.comments;

import java.time.Instant;
import java.util.List;

import dev.inkwell.platform.JsonText;
import dev.inkwell.platform.Timestamps;
import dev.inkwell.profiles.Profile;

/** A comment on an article, with its author as the viewer sees them. */
public record Comment(long id, long authorId, String body, Instant createdAt, Instant updatedAt, Profile author) {

    /** Writes the comment as the API shows it. */
    public void writeTo(JsonText json) {
        json.beginObject()
                .name("id").value(id)
                .name("createdAt").value(Timestamps.format(createdAt))
                .name("updatedAt").value(Timestamps.format(updatedAt))
                .name("body").value(body)
                .name("author");
        author.writeTo(json);
        json.endObject();
    }

    /** The comment alone, as a JSON object. */
    String toJson() {
        JsonText json = new JsonText();
        writeTo(json);
        return json.toString();
    }

    /** {@code {"comment": ...}} */
    String toDocument() {
        JsonText json = new JsonText().beginObject().name("comment");
        writeTo(json);
        return json.endObject().toString();
    }

    /** {@code {"comments": [...]}} */
    static String listDocument(List<Comment> comments) {
        JsonText json = new JsonText(384 * comments.size() + 32).beginObject().name("comments").beginArray();
        comments.forEach(comment -> comment.writeTo(json));
        return json.endArray().endObject().toString();
    }
}
