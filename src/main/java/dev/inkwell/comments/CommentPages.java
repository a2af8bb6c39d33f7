package dev.inkwell.comments;

import dev.inkwell.platform.DomainException;
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

/** Adding and deleting comments from an article's page. */
public final class CommentPages implements HttpService {

    private final CommentService comments;
    private final ArticlePage articlePage;
    private final Pages pages;
    private final Forms forms;
    private final RateLimiter rateLimiter;

    public CommentPages(CommentService comments, ArticlePage articlePage, Pages pages, Forms forms,
                        RateLimiter rateLimiter) {
        this.comments = comments;
        this.articlePage = articlePage;
        this.pages = pages;
        this.forms = forms;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "")
                .post("/article/{slug}/comments", this::add)
                .post("/article/{slug}/comments/{id}/delete", this::delete);
    }

    private void add(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        Parameters form = forms.read(req, visitor);
        Session session = visitor.session().filter(Session::signedIn).orElseThrow(PageException::notSignedIn);
        rateLimiter.checkWrite(session.userId());
        rateLimiter.checkComment(session.userId());
        String slug = req.path().pathParameters().get("slug");
        try {
            comments.add(slug, session.userId(), new NewComment(form.first("body").orElse(null)));
            pages.redirect(res, session, "/article/" + slug + "#comments", "Comment posted.");
        } catch (DomainException.Invalid e) {
            articlePage.showCommentErrors(req, res, visitor, slug, form.first("body").orElse(""), e.errors());
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        forms.read(req, visitor);
        Session session = visitor.session().filter(Session::signedIn).orElseThrow(PageException::notSignedIn);
        rateLimiter.checkWrite(session.userId());
        String slug = req.path().pathParameters().get("slug");
        comments.delete(slug, req.path().pathParameters().get("id"), session.userId());
        pages.redirect(res, session, "/article/" + slug + "#comments", "Comment deleted.");
    }
}
