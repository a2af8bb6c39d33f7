package dev.inkwell.articles;

import java.util.HashMap;
import java.util.Map;

import dev.inkwell.platform.Routes;
import dev.inkwell.profiles.Profile;
import dev.inkwell.profiles.ProfileService;
import dev.inkwell.web.PageException;
import dev.inkwell.web.PageNumber;
import dev.inkwell.web.Pages;
import dev.inkwell.web.Visitor;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** A writer's page: their profile with a page of their articles or of their favorites. */
public final class ProfilePage implements HttpService {

    private final ProfileService profiles;
    private final ArticleService articles;
    private final Pages pages;

    public ProfilePage(ProfileService profiles, ArticleService articles, Pages pages) {
        this.profiles = profiles;
        this.articles = articles;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "")
                .get("/profile/{username}", (req, res) -> show(req, res, false))
                .get("/profile/{username}/favorites", (req, res) -> show(req, res, true));
    }

    private void show(ServerRequest req, ServerResponse res, boolean favorites) {
        Visitor visitor = pages.visitor(req);
        Profile profile = find(req.path().pathParameters().get("username"), visitor.userId());
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

    private Profile find(String username, long viewerId) {
        return PageException.unlessNotFound(() -> profiles.get(username, viewerId));
    }
}
