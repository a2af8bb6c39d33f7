package dev.inkwell.profiles;

import java.util.HashMap;
import java.util.Map;

import dev.inkwell.articles.ArticleFilter;
import dev.inkwell.articles.ArticleService;
import dev.inkwell.platform.ApiException;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.Routes;
import dev.inkwell.web.Forms;
import dev.inkwell.web.PageException;
import dev.inkwell.web.PageNumber;
import dev.inkwell.web.Pages;
import dev.inkwell.web.Session;
import dev.inkwell.web.Visitor;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** A writer's page: their articles or their favorites, and following them. */
public final class ProfilePages implements HttpService {

    private final ProfileService profiles;
    private final ArticleService articles;
    private final Pages pages;
    private final Forms forms;
    private final RateLimiter rateLimiter;

    public ProfilePages(ProfileService profiles, ArticleService articles, Pages pages, Forms forms,
                        RateLimiter rateLimiter) {
        this.profiles = profiles;
        this.articles = articles;
        this.pages = pages;
        this.forms = forms;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "")
                .get("/profile/{username}", (req, res) -> show(req, res, false))
                .get("/profile/{username}/favorites", (req, res) -> show(req, res, true))
                .post("/profile/{username}/follow", (req, res) -> follow(req, res, true))
                .post("/profile/{username}/unfollow", (req, res) -> follow(req, res, false));
    }

    private void show(ServerRequest req, ServerResponse res, boolean favorites) {
        Visitor visitor = pages.visitor(req);
        Profile profile = find(username(req), visitor.userId());
        int page = PageNumber.of(req.query());
        ArticleFilter filter = favorites
                ? new ArticleFilter(null, null, profile.username())
                : new ArticleFilter(null, profile.username(), null);
        ArticleService.ArticlePage list = articles.list(filter, PageNumber.paging(page), visitor.userId());
        Map<String, Object> model = new HashMap<>();
        model.put("profile", profile);
        model.put("tab", favorites ? "favorites" : "articles");
        model.put("articles", list.articles());
        model.put("count", list.count());
        model.put("page", page);
        model.put("pageSize", PageNumber.PAGE_SIZE);
        pages.render(req, res, visitor, "profiles/profile", model);
    }

    private void follow(ServerRequest req, ServerResponse res, boolean follow) {
        Visitor visitor = pages.visitor(req);
        var form = forms.read(req, visitor);
        Session session = visitor.session().filter(Session::signedIn).orElseThrow(PageException::notSignedIn);
        rateLimiter.checkWrite(session.userId());
        try {
            if (follow) {
                profiles.follow(username(req), session.userId());
            } else {
                profiles.unfollow(username(req), session.userId());
            }
        } catch (ApiException e) {
            if (e.status().code() == 404) {
                throw PageException.notFound();
            }
            throw PageException.forbidden("You cannot follow yourself.");
        }
        pages.redirect(res, Forms.localPath(form, "back", "/profile/" + username(req)));
    }

    private Profile find(String username, long viewerId) {
        try {
            return profiles.get(username, viewerId);
        } catch (ApiException e) {
            throw PageException.notFound();
        }
    }

    private static String username(ServerRequest req) {
        return req.path().pathParameters().get("username");
    }
}
