package dev.inkwell.articles;

import io.helidon.common.parameters.Parameters;

/** The optional filters of the article list; null means "not filtered by". */
public record ArticleFilter(String tag, String author, String favoritedBy) {

    public static ArticleFilter from(Parameters query) {
        return new ArticleFilter(value(query, "tag"), value(query, "author"), value(query, "favorited"));
    }

    public boolean isEmpty() {
        return tag == null && author == null && favoritedBy == null;
    }

    private static String value(Parameters query, String name) {
        if (!query.contains(name)) {
            return null;
        }
        String value = query.get(name).strip();
        return value.isEmpty() ? null : value;
    }
}
