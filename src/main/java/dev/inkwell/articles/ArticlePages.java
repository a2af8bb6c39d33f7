package dev.inkwell.articles;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.inkwell.platform.DomainException;
import dev.inkwell.platform.ErrorMapper;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.Routes;
import dev.inkwell.web.Forms;
import dev.inkwell.web.PageException;
import dev.inkwell.web.Pages;
import dev.inkwell.web.Session;
import dev.inkwell.web.Visitor;

import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Writing, editing, deleting and favoriting articles, as pages (the article's own page is with its comments). */
public final class ArticlePages implements HttpService {

    private final ArticleService articles;
    private final Pages pages;
    private final Forms forms;
    private final RateLimiter rateLimiter;

    public ArticlePages(ArticleService articles, Pages pages, Forms forms, RateLimiter rateLimiter) {
        this.articles = articles;
        this.pages = pages;
        this.forms = forms;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "")
                .get("/editor", this::newForm)
                .post("/editor", this::create)
                .get("/editor/{slug}", this::editForm)
                .post("/editor/{slug}", this::update)
                .post("/article/{slug}/delete", this::delete)
                .post("/article/{slug}/favorite", this::favorite)
                .post("/article/{slug}/unfavorite", this::unfavorite);
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
            Article article = articles.create(session.userId(), new NewArticle(
                    field(form, "title"), field(form, "description"), field(form, "body"), tags(form)));
            pages.redirect(res, session, "/article/" + article.slug(), "Article published.");
        } catch (DomainException e) {
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
            Article article = articles.update(session.userId(), slug(req), new ArticleChanges(
                    field(form, "title"), field(form, "description"), field(form, "body"), tags(form)));
            pages.redirect(res, session, "/article/" + article.slug(), "Article updated.");
        } catch (DomainException e) {
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
        return PageException.unlessNotFound(() -> articles.get(slug, viewerId));
    }

    private static void requireOwner(Article article, Visitor visitor) {
        if (article.authorId() != visitor.userId()) {
            throw PageException.forbidden("Only the author may change this article.");
        }
    }

    private void showEditorErrors(ServerRequest req, ServerResponse res, Visitor visitor, String slug,
                                  Parameters form, DomainException error) {
        pages.render(req, res, ErrorMapper.status(error), visitor, "articles/editor",
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

    /** A field of the form; null when the form lacks it. */
    private static String field(Parameters form, String name) {
        return form.first(name).orElse(null);
    }

    /** Tags typed as "one, two three". */
    private static List<String> tags(Parameters form) {
        return Arrays.stream(form.first("tags").orElse("").split("[,\\s]+"))
                .filter(tag -> !tag.isBlank())
                .toList();
    }

    private static String slug(ServerRequest req) {
        return req.path().pathParameters().get("slug");
    }
}
