package dev.inkwell.articles;

import dev.inkwell.auth.Authenticator;
import dev.inkwell.platform.JsonBodies;
import dev.inkwell.platform.JsonInput;
import dev.inkwell.platform.Paging;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.ReadCache;
import dev.inkwell.platform.Routes;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Articles and favorites: {@code /api/articles}. */
public final class ArticlesApi implements HttpService {

    private final ArticleService articles;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final ReadCache cache;
    private final int cachedListWindow;

    public ArticlesApi(ArticleService articles, Authenticator authenticator, RateLimiter rateLimiter,
                       ReadCache cache, int cachedListWindow) {
        this.articles = articles;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.cache = cache;
        this.cachedListWindow = cachedListWindow;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "/api")
                .get("/articles", this::list)
                .post("/articles", this::create)
                .get("/articles/feed", this::feed)
                .get("/articles/{slug}", this::get)
                .put("/articles/{slug}", this::update)
                .delete("/articles/{slug}", this::delete)
                .post("/articles/{slug}/favorite", this::favorite)
                .delete("/articles/{slug}/favorite", this::unfavorite)
                .rejectOtherMethods();
    }

    private void list(ServerRequest req, ServerResponse res) {
        long viewer = authenticator.optionalUser(req).orElse(0);
        ArticleFilter filter = ArticleFilter.from(req.query());
        Paging paging = Paging.from(req.query());
        boolean cacheable = viewer == 0 && filter.isEmpty()
                && paging.offset() + paging.limit() <= cachedListWindow;
        String json = cacheable
                ? cache.get(ReadCache.Regions.ARTICLES, "list:" + paging.limit() + ":" + paging.offset(),
                            () -> render(articles.list(filter, paging, 0)))
                : render(articles.list(filter, paging, viewer));
        JsonBodies.send(res, Status.OK_200, json);
    }

    private void feed(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        JsonBodies.send(res, Status.OK_200, render(articles.feed(userId, Paging.from(req.query()))));
    }

    private void get(ServerRequest req, ServerResponse res) {
        long viewer = authenticator.optionalUser(req).orElse(0);
        String slug = slug(req);
        String json = viewer == 0
                ? cache.get(ReadCache.Regions.ARTICLES, "slug:" + slug, () -> articles.get(slug, 0).toDocument())
                : articles.get(slug, viewer).toDocument();
        JsonBodies.send(res, Status.OK_200, json);
    }

    private void create(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        Article article = articles.create(userId, newArticle(JsonBodies.read(req, "article")));
        JsonBodies.send(res, Status.CREATED_201, article.toDocument());
    }

    private void update(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        Article article = articles.update(userId, slug(req), changes(JsonBodies.read(req, "article")));
        JsonBodies.send(res, Status.OK_200, article.toDocument());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        articles.delete(userId, slug(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void favorite(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        JsonBodies.send(res, Status.OK_200, articles.favorite(userId, slug(req)).toDocument());
    }

    private void unfavorite(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        JsonBodies.send(res, Status.OK_200, articles.unfavorite(userId, slug(req)).toDocument());
    }

    private static NewArticle newArticle(JsonInput input) {
        NewArticle article = new NewArticle(input.string("title"), input.string("description"), input.string("body"),
                                            input.strings("tagList"));
        input.check();
        return article;
    }

    private static ArticleChanges changes(JsonInput input) {
        ArticleChanges changes = new ArticleChanges(input.change("title"), input.change("description"),
                                                    input.change("body"), input.strings("tagList"));
        input.check();
        return changes;
    }

    private static String render(ArticleService.ArticlePage page) {
        return Article.listDocument(page.articles(), page.count());
    }

    private static String slug(ServerRequest req) {
        return req.path().pathParameters().get("slug");
    }
}
