package dev.inkwell.articles;

import java.util.List;

/**
 * An article to publish, as its author wrote it: any field may be missing (null) or break the
 * rules, which the service checks; the tags as typed (null for none).
 */
public record NewArticle(String title, String description, String body, List<String> tags) {
}
