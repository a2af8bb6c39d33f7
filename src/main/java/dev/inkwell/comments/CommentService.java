package dev.inkwell.comments;

import java.util.List;

import dev.inkwell.articles.Article;
import dev.inkwell.articles.ArticleService;
import dev.inkwell.platform.ApiException;
import dev.inkwell.platform.JsonInput;
import dev.inkwell.platform.ReadCache;

/** Commenting on articles. */
public final class CommentService {

    static final int BODY_MAX = 10_000;

    private final CommentRepository comments;
    private final ArticleService articles;
    private final ReadCache cache;

    public CommentService(CommentRepository comments, ArticleService articles, ReadCache cache) {
        this.comments = comments;
        this.articles = articles;
        this.cache = cache;
    }

    public List<Comment> list(String slug, long viewerId) {
        return comments.forArticle(articles.idOf(slug), viewerId);
    }

    /** The comments of an article already at hand (saves looking its slug up again). */
    public List<Comment> list(Article article, long viewerId) {
        return comments.forArticle(article.id(), viewerId);
    }

    public Comment add(String slug, long authorId, JsonInput input) {
        long articleId = articles.idOf(slug);
        String body = input.string("body");
        input.validation().text("body", body, true, BODY_MAX).check();
        long id = comments.insert(articleId, authorId, body);
        cache.invalidate(ReadCache.Regions.ARTICLE_PAGES);
        return comments.find(articleId, id, authorId).orElseThrow();
    }

    /** Deletes a comment; only its author may, and only through its own article. */
    public void delete(String slug, String commentId, long userId) {
        long articleId = articles.idOf(slug);
        long id;
        try {
            id = Long.parseLong(commentId);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("comment");
        }
        Comment comment = comments.find(articleId, id, userId).orElseThrow(() -> ApiException.notFound("comment"));
        if (comment.authorId() != userId) {
            throw ApiException.forbidden("only the author may delete this comment");
        }
        comments.delete(id);
        cache.invalidate(ReadCache.Regions.ARTICLE_PAGES);
    }
}
