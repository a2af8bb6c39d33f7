package dev.inkwell.articles;

import java.time.Instant;
import java.util.List;

import dev.inkwell.platform.Timestamps;
import dev.inkwell.profiles.Profile;

import jakarta.json.JsonObjectBuilder;

import static dev.inkwell.platform.JsonBodies.JSON;

/** An article as a viewer sees it. {@code body} is null in lists, which omit it. */
public record Article(long id,
                      long authorId,
                      String slug,
                      String title,
                      String description,
                      String body,
                      List<String> tagList,
                      Instant createdAt,
                      Instant updatedAt,
                      boolean favorited,
                      int favoritesCount,
                      Profile author) {

    public JsonObjectBuilder toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("slug", slug)
                .add("title", title)
                .add("description", description);
        if (body != null) {
            json.add("body", body);
        }
        return json.add("tagList", JSON.createArrayBuilder(tagList))
                .add("createdAt", Timestamps.format(createdAt))
                .add("updatedAt", Timestamps.format(updatedAt))
                .add("favorited", favorited)
                .add("favoritesCount", favoritesCount)
                .add("author", author.toJson());
    }

    /** {@code {"article": ...}} */
    public String toDocument() {
        return JSON.createObjectBuilder().add("article", toJson()).build().toString();
    }

    /** {@code {"articles": [...], "articlesCount": n}} */
    public static String listDocument(List<Article> articles, long count) {
        var array = JSON.createArrayBuilder();
        articles.forEach(article -> array.add(article.toJson()));
        return JSON.createObjectBuilder().add("articles", array).add("articlesCount", count).build().toString();
    }
}
