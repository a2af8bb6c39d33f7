package dev.inkwell.comments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.inkwell.articles.Article;
import dev.inkwell.articles.ArticleService;
import dev.inkwell.platform.ReadCache;
import dev.inkwell.platform.Routes;
import dev.inkwell.web.Markdown;
import dev.inkwell.web.PageException;
import dev.inkwell.web.PageNumber;
import dev.inkwell.web.Pages;
import dev.inkwell.web.Visitor;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** An article's page: the article, a page of its comments and the form to add one. */
public final class ArticlePage implements HttpService {

    /** Comments shown per page of an article; "More comments" follows the last one shown. */
    static final int COMMENTS_PER_PAGE = 50;

    private final ArticleService articles;
    private final CommentService comments;
    private final Pages pages;
    private final Markdown markdown;
    private final ReadCache cache;

    public ArticlePage(ArticleService articles, CommentService comments, Pages pages, Markdown markdown,
                       ReadCache cache) {
        this.articles = articles;
        this.comments = comments;
        this.pages = pages;
        this.markdown = markdown;
        this.cache = cache;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "")
                .get("/article/{slug}", this::show);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        String slug = req.path().pathParameters().get("slug");
        long commentsAfter = PageNumber.cursor(req.query(), "comments_after");
        try {
            if (pages.seesSharedPage(visitor) && commentsAfter == 0) {
                // Anonymous readers all see the same page; the article's writes and its comments' writes invalidate it.
                pages.send(res, cache.get(ReadCache.Regions.ARTICLE_PAGES, slug,
                                          () -> pages.sharedHtml("articles/article",
                                                                 model(current(slug, 0), "", Map.of(), 0, 0))));
            } else {
                pages.render(req, res, Status.OK_200, visitor, "articles/article",
                             model(current(slug, visitor.userId()), "", Map.of(), visitor.userId(), commentsAfter));
            }
        } catch (FormerSlug moved) {
            // Send the browser to the article's current address for good.
            res.status(Status.MOVED_PERMANENTLY_301);
            res.header(HeaderNames.LOCATION, "/article/" + moved.currentSlug);
            res.send();
        }
    }

    /** The article under its current slug; a former one ends in {@link FormerSlug}. */
    private Article current(String slug, long viewerId) {
        Article article = find(slug, viewerId);
        if (!article.slug().equals(slug)) {
            throw new FormerSlug(article.slug());
        }
        return article;
    }

    /**
     * The article's page again after a comment was refused, with what was typed and the problem
     * next to the comment field.
     */
    void showCommentErrors(ServerRequest req, ServerResponse res, Visitor visitor, String slug,
                           String comment, Map<String, List<String>> errors) {
        pages.render(req, res, Status.UNPROCESSABLE_CONTENT_422, visitor, "articles/article",
                     model(find(slug, visitor.userId()), comment, errors, visitor.userId(), 0));
    }

    /** The page's model; its comments are one page of them, after the comment {@code commentsAfter}. */
    private Map<String, Object> model(Article article, String comment, Map<String, List<String>> errors,
                                      long viewerId, long commentsAfter) {
        Map<String, Object> model = new HashMap<>();
        model.put("article", article);
        model.put("bodyHtml", markdown.toHtml(article.body()));
        List<Comment> shown = comments.page(article, viewerId, commentsAfter, COMMENTS_PER_PAGE + 1);
        boolean more = shown.size() > COMMENTS_PER_PAGE;
        shown = more ? shown.subList(0, COMMENTS_PER_PAGE) : shown;
        model.put("comments", shown);
        model.put("moreCommentsAfter", more ? shown.getLast().id() : null);
        model.put("laterComments", commentsAfter > 0);
        model.put("own", viewerId != 0 && article.authorId() == viewerId);
        model.put("errors", errors);
        model.put("comment", comment);
        return model;
    }

    private Article find(String slug, long viewerId) {
        return PageException.unlessNotFound(() -> articles.get(slug, viewerId));
    }

    /** The article was asked for under a slug it had before its title changed. */
    private static final class FormerSlug extends RuntimeException {
        private final String currentSlug;

        FormerSlug(String currentSlug) {
            super(null, null, false, false);
            this.currentSlug = currentSlug;
        }
    }
}
