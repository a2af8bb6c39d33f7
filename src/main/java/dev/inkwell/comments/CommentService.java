package dev.inkwell.comments;

import java.util.List;

import dev.inkwell.articles.Article;
import dev.inkwell.articles.ArticleService;
import dev.inkwell.platform.DomainException;
import dev.inkwell.platform.ReadCache;
import dev.inkwell.platform.Validation;

/** Commenting on articles. */
public final class CommentService {

    static final int BODY_MAX = 10_000;

    private final CommentRepository comments;
    private final ArticleService articles;
    private final ReadCache cache;
    private final int perArticleMax;

    public CommentService(CommentRepository comments, ArticleService articles, ReadCache cache, int perArticleMax) {
        this.comments = comments;
        this.articles = articles;
        this.cache = cache;
        this.perArticleMax = perArticleMax;
    }

    /** The most comments an article takes, and so the most one listing of all of them holds. */
    public int perArticleMax() {
        return perArticleMax;
    }

    /** The article's id for a slug (a former slug too); 404 when there is none. */
    public long articleId(String slug) {
        return articles.idOf(slug);
    }

    /** Up to {@code limit} comments of the article after the comment {@code afterId} (0: from the first). */
    public List<Comment> page(long articleId, long viewerId, long afterId, int limit) {
        return comments.page(articleId, viewerId, afterId, limit);
    }

    /** A page of the comments of an article already at hand (saves looking its slug up again). */
    public List<Comment> page(Article article, long viewerId, long afterId, int limit) {
        return comments.page(article.id(), viewerId, afterId, limit);
    }

    public Comment add(String slug, long authorId, NewComment comment) {
        long articleId = articles.idOf(slug);
        new Validation().text("body", comment.body(), true, BODY_MAX).check();
        long id = comments.insert(articleId, authorId, comment.body(), perArticleMax).orElseThrow(
                () -> new DomainException.Invalid("body", "cannot be added: this article has reached its "
                                                          + perArticleMax + " comments"));
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
            throw new DomainException.NotFound("comment");
        }
        Comment comment = comments.find(articleId, id, userId).orElseThrow(() -> new DomainException.NotFound("comment"));
        if (comment.authorId() != userId) {
            throw new DomainException.Forbidden("only the author may delete this comment");
        }
        comments.delete(id);
        cache.invalidate(ReadCache.Regions.ARTICLE_PAGES);
    }
}
