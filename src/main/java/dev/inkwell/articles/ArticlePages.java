package dev.inkwell.articles;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.inkwell.comments.Comment;
import dev.inkwell.comments.CommentService;
import dev.inkwell.platform.ApiException;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.ReadCache;
import dev.inkwell.platform.Routes;
import dev.inkwell.web.Forms;
import dev.inkwell.web.Markdown;
import dev.inkwell.web.PageException;
import dev.inkwell.web.PageNumber;
import dev.inkwell.web.Pages;
import dev.inkwell.web.Session;
import dev.inkwell.web.Visitor;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Reading, writing, editing, deleting and favoriting articles, as pages. */
public final class ArticlePages implements HttpService {

    /** Comments shown per page of an article; "More comments" follows the last one shown. */
    static final int COMMENTS_PER_PAGE = 50;

    private final ArticleService articles;
    private final CommentService comments;
    private final Pages pages;
    private final Forms forms;
    private final Markdown markdown;
    private final ReadCache cache;
    private final RateLimiter rateLimiter;

    public ArticlePages(ArticleService articles, CommentService comments, Pages pages, Forms forms,
                        Markdown markdown, ReadCache cache, RateLimiter rateLimiter) {
        this.articles = articles;
        this.comments = comments;
        this.pages = pages;
        this.forms = forms;
        this.markdown = markdown;
        this.cache = cache;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "")
                .get("/article/{slug}", this::show)
                .get("/editor", this::newForm)
                .post("/editor", this::create)
                .get("/editor/{slug}", this::editForm)
                .post("/editor/{slug}", this::update)
                .post("/article/{slug}/delete", this::delete)
                .post("/article/{slug}/favorite", this::favorite)
                .post("/article/{slug}/unfavorite", this::unfavorite);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        String slug = slug(req);
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
    public void showCommentErrors(ServerRequest req, ServerResponse res, Visitor visitor, String slug,
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

    private void newForm(ServerRequest req, ServerResponse res) {
        Visitor visitor = signedIn(req, res);
        if (visitor != null) {
            pages.render(req, res, visitor, "articles/editor", editorModel(null, "", "", "", "", Map.of()));
        }
    }

    private void create(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        Parameters form = forms.read(req, visitor);
        Session session = visitor.session().filter(Session::signedIn).orElseThrow(PageException::notSignedIn);
        rateLimiter.checkWrite(session.userId());
        try {
            Article article = articles.create(session.userId(), Forms.withTags(form, "title", "description", "body"));
            pages.redirect(res, session, "/article/" + article.slug(), "Article published.");
        } catch (ApiException e) {
            showEditorErrors(req, res, visitor, null, form, e);
        }
    }

    private void editForm(ServerRequest req, ServerResponse res) {
        Visitor visitor = signedIn(req, res);
        if (visitor == null) {
            return;
        }
        Article article = find(slug(req), visitor.userId());
        requireOwner(article, visitor);
        pages.render(req, res, visitor, "articles/editor",
                     editorModel(article.slug(), article.title(), article.description(), article.body(),
                                 String.join(" ", article.tagList()), Map.of()));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        Parameters form = forms.read(req, visitor);
        Session session = visitor.session().filter(Session::signedIn).orElseThrow(PageException::notSignedIn);
        rateLimiter.checkWrite(session.userId());
        requireOwner(find(slug(req), visitor.userId()), visitor);
        try {
            Article article = articles.update(session.userId(), slug(req),
                                              Forms.withTags(form, "title", "description", "body"));
            pages.redirect(res, session, "/article/" + article.slug(), "Article updated.");
        } catch (ApiException e) {
            showEditorErrors(req, res, visitor, slug(req), form, e);
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        forms.read(req, visitor);
        Session session = visitor.session().filter(Session::signedIn).orElseThrow(PageException::notSignedIn);
        rateLimiter.checkWrite(session.userId());
        requireOwner(find(slug(req), visitor.userId()), visitor);
        articles.delete(session.userId(), slug(req));
        pages.redirect(res, session, "/", "Article deleted.");
    }

    private void favorite(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        Parameters form = forms.read(req, visitor);
        Session session = visitor.session().filter(Session::signedIn).orElseThrow(PageException::notSignedIn);
        rateLimiter.checkWrite(session.userId());
        articles.favorite(session.userId(), slug(req));
        pages.redirect(res, Forms.localPath(form, "back", "/article/" + slug(req)));
    }

    private void unfavorite(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        Parameters form = forms.read(req, visitor);
        Session session = visitor.session().filter(Session::signedIn).orElseThrow(PageException::notSignedIn);
        rateLimiter.checkWrite(session.userId());
        articles.unfavorite(session.userId(), slug(req));
        pages.redirect(res, Forms.localPath(form, "back", "/article/" + slug(req)));
    }

    /** The signed-in visitor, or null after sending them to sign in. */
    private Visitor signedIn(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        if (!visitor.signedIn()) {
            pages.redirect(res, "/login");
            return null;
        }
        return visitor;
    }

    private Article find(String slug, long viewerId) {
        try {
            return articles.get(slug, viewerId);
        } catch (ApiException e) {
            throw PageException.notFound();
        }
    }

    private static void requireOwner(Article article, Visitor visitor) {
        if (article.authorId() != visitor.userId()) {
            throw PageException.forbidden("Only the author may change this article.");
        }
    }

    private void showEditorErrors(ServerRequest req, ServerResponse res, Visitor visitor, String slug,
                                  Parameters form, ApiException error) {
        pages.render(req, res, error.status(), visitor, "articles/editor",
                     editorModel(slug, form.first("title").orElse(""), form.first("description").orElse(""),
                                 form.first("body").orElse(""), form.first("tags").orElse(""), error.errors()));
    }

    private static Map<String, Object> editorModel(String slug, String title, String description, String body,
                                                   String tags, Map<String, ?> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("slug", slug);
        model.put("heading", slug == null ? "New article" : "Edit article");
        model.put("title", title);
        model.put("description", description);
        model.put("body", body);
        model.put("tags", tags);
        model.put("errors", errors);
        return model;
    }

    private static String slug(ServerRequest req) {
        return req.path().pathParameters().get("slug");
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
