package dev.inkwell.articles;

import java.util.HashMap;
import java.util.Map;

import dev.inkwell.platform.ReadCache;
import dev.inkwell.platform.Routes;
import dev.inkwell.tags.TagRepository;
import dev.inkwell.web.PageNumber;
import dev.inkwell.web.Pages;
import dev.inkwell.web.Visitor;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The home page: the global feed, the visitor's own feed, tag tabs and popular tags. */
public final class HomePage implements HttpService {

    private static final int CACHED_PAGES = 5;
    private static final int POPULAR_TAGS = 20;

    private final ArticleService articles;
    private final TagRepository tags;
    private final Pages pages;
    private final ReadCache cache;

    public HomePage(ArticleService articles, TagRepository tags, Pages pages, ReadCache cache) {
        this.articles = articles;
        this.tags = tags;
        this.pages = pages;
        this.cache = cache;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "").get("/", this::home);
    }

    private void home(ServerRequest req, ServerResponse res) {
        Visitor visitor = pages.visitor(req);
        int page = PageNumber.of(req.query());
        String tag = req.query().first("tag").map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        boolean feed = visitor.signedIn() && tag == null && "feed".equals(req.query().first("tab").orElse(""));
        if (pages.seesSharedPage(visitor) && tag == null && page <= CACHED_PAGES) {
            // Anonymous visitors all see the same first pages: cached like the API's anonymous reads.
            pages.send(res, cache.get(ReadCache.Regions.ARTICLES, "home:" + page,
                                      () -> pages.sharedHtml("home", model(Visitor.anonymous(true), page, null, false))));
            return;
        }
        pages.render(req, res, visitor, "home", model(visitor, page, tag, feed));
    }

    private Map<String, Object> model(Visitor visitor, int page, String tag, boolean feed) {
        ArticleService.ArticlePage list = feed
                ? articles.feed(visitor.userId(), PageNumber.paging(page))
                : articles.list(new ArticleFilter(tag, null, null), PageNumber.paging(page), visitor.userId());
        Map<String, Object> model = new HashMap<>();
        model.put("articles", list.articles());
        model.put("count", list.count());
        model.put("page", page);
        model.put("pageSize", PageNumber.PAGE_SIZE);
        model.put("tab", feed ? "feed" : tag != null ? "tag" : "global");
        model.put("tag", tag);
        model.put("popularTags", tags.popular(POPULAR_TAGS));
        return model;
    }
}
