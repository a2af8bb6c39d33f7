package dev.inkwell.articles;

import java.time.Instant;
import java.util.List;

import dev.inkwell.platform.JsonText;
import dev.inkwell.platform.Timestamps;
import dev.inkwell.profiles.Profile;

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

    /** Writes the article as the API shows it. */
    public void writeTo(JsonText json) {
        json.beginObject()
                .name("slug").value(slug)
                .name("title").value(title)
                .name("description").value(description);
        if (body != null) {
            json.name("body").value(body);
        }
        json.name("tagList").values(tagList)
                .name("createdAt").value(Timestamps.format(createdAt))
                .name("updatedAt").value(Timestamps.format(updatedAt))
                .name("favorited").value(favorited)
                .name("favoritesCount").value(favoritesCount)
                .name("author");
        author.writeTo(json);
        json.endObject();
    }

    /** {@code {"article": ...}} */
    public String toDocument() {
        JsonText json = new JsonText(1024 + (body == null ? 0 : body.length())).beginObject().name("article");
        writeTo(json);
        return json.endObject().toString();
    }

    /** {@code {"articles": [...], "articlesCount": n}} */
    public static String listDocument(List<Article> articles, long count) {
        JsonText json = new JsonText(512 * articles.size() + 64).beginObject().name("articles").beginArray();
        articles.forEach(article -> article.writeTo(json));
        return json.endArray().name("articlesCount").value(count).endObject().toString();
    }
}
