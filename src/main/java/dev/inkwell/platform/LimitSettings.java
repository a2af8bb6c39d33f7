package dev.inkwell.platform;

import io.helidon.config.Config;

import static dev.inkwell.platform.ConfigValues.positive;

/** What one client or user may do in a minute, and how many comments an article takes. */
public record LimitSettings(int authRequestsPerMinute,
                            int writesPerMinute,
                            int commentsPerMinute,
                            int commentsPerArticle) {

    /** From the {@code inkwell} node: its {@code rate-limits} and {@code comments}. */
    static LimitSettings from(Config inkwell) {
        return new LimitSettings(
                positive(inkwell.get("rate-limits.auth-per-minute"), "RATE_LIMIT_AUTH_PER_MINUTE"),
                positive(inkwell.get("rate-limits.writes-per-minute"), "RATE_LIMIT_WRITES_PER_MINUTE"),
                positive(inkwell.get("rate-limits.comments-per-minute"), "RATE_LIMIT_COMMENTS_PER_MINUTE"),
                positive(inkwell.get("comments.per-article-max"), "COMMENTS_PER_ARTICLE_MAX"));
    }
}
