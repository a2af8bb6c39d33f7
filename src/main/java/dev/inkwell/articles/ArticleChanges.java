package dev.inkwell.articles;

import java.util.List;

/** Changes to an article: a null field keeps its current value. */
public record ArticleChanges(String title, String description, String body, List<String> tags) {
}
