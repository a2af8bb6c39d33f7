package dev.inkwell.articles;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.inkwell.platform.DomainException;
import dev.inkwell.platform.Database;
import dev.inkwell.platform.Paging;
import dev.inkwell.platform.ReadCache;
import dev.inkwell.platform.UniqueViolations;
import dev.inkwell.platform.Validation;

import io.helidon.dbclient.DbExecute;

/** Publishing, editing, listing and favoriting articles. */
public final class ArticleService {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 500;
    static final int BODY_MAX = 100_000;
    static final int TAG_MAX = 40;
    static final int TAGS_MAX = 10;

    private final Database database;
    private final ArticleQueries queries;
    private final ArticleRepository repository = new ArticleRepository();
    private final Slugs slugs = new Slugs();
    private final ReadCache cache;

    public ArticleService(Database database, ReadCache cache) {
        this.database = database;
        this.queries = new ArticleQueries(database);
        this.cache = cache;
    }

    /** A page of articles with the total matching the filter. */
    public record ArticlePage(List<Article> articles, long count) {
    }

    public ArticlePage list(ArticleFilter filter, Paging paging, long viewerId) {
        return queries.list(filter, paging, viewerId);
    }

    public ArticlePage feed(long userId, Paging paging) {
        return queries.feed(userId, paging);
    }

    public Article get(String slug, long viewerId) {
        return queries.bySlug(slug, viewerId).orElseThrow(() -> new DomainException.NotFound("article"));
    }

    /** The id of the article under this slug (current or former); 404 when there is none. */
    public long idOf(String slug) {
        return queries.idOf(slug).orElseThrow(() -> new DomainException.NotFound("article"));
    }

    public Article create(long authorId, NewArticle article) {
        Validation validation = new Validation()
                .text("title", article.title(), true, TITLE_MAX)
                .text("description", article.description(), true, DESCRIPTION_MAX)
                .text("body", article.body(), true, BODY_MAX);
        List<String> tags = tags(article.tags(), validation);
        validation.check();
        String title = article.title().strip();
        String slug = slugs.fromTitle(title);
        Article created = retryOnSlugRace(() -> database.inTransaction(tx -> repository.insert(
                tx, authorId, slug, slugs.withSuffix(slug), title, article.description().strip(), article.body(),
                tags == null ? List.of() : tags)));
        cache.invalidate(ReadCache.Regions.ARTICLES, ReadCache.Regions.TAGS, ReadCache.Regions.ARTICLE_PAGES);
        return created;
    }

    /** Changes the fields present; a new title gives a new slug, and the old one keeps resolving. */
    public Article update(long userId, String slug, ArticleChanges changes) {
        Article current = get(slug, userId);
        long id = current.id();
        if (current.authorId() != userId) {
            throw new DomainException.Forbidden("only the author may change this article");
        }
        String title = changes.title() != null ? changes.title() : current.title();
        String description = changes.description() != null ? changes.description() : current.description();
        String body = changes.body() != null ? changes.body() : current.body();
        Validation validation = new Validation()
                .text("title", title, true, TITLE_MAX)
                .text("description", description, true, DESCRIPTION_MAX)
                .text("body", body, true, BODY_MAX);
        List<String> tags = tags(changes.tags(), validation);
        validation.check();
        retryOnSlugRace(() -> database.inTransaction(tx -> {
            ArticleRepository.Stored stored = ownedLocked(tx, id, userId);
            String newTitle = title.strip();
            String newSlug = newTitle.equals(current.title()) ? stored.slug() : uniqueSlug(tx, newTitle, stored);
            repository.update(tx, stored, newSlug, newTitle, description.strip(), body);
            if (tags != null && !tags.equals(current.tagList())) {
                repository.replaceTags(tx, id, tags);
            }
            return id;
        }));
        cache.invalidate(ReadCache.Regions.ARTICLES, ReadCache.Regions.TAGS, ReadCache.Regions.ARTICLE_PAGES);
        return byId(id, userId);
    }

    public void delete(long userId, String slug) {
        long id = idOf(slug);
        database.inTransaction(tx -> {
            repository.delete(tx, ownedLocked(tx, id, userId));
            return null;
        });
        cache.invalidate(ReadCache.Regions.ARTICLES, ReadCache.Regions.TAGS, ReadCache.Regions.ARTICLE_PAGES);
    }

    public Article favorite(long userId, String slug) {
        long id = idOf(slug);
        database.inTransaction(tx -> {
            repository.favorite(tx, locked(tx, id), userId);
            return null;
        });
        cache.invalidate(ReadCache.Regions.ARTICLES, ReadCache.Regions.ARTICLE_PAGES);
        return byId(id, userId);
    }

    public Article unfavorite(long userId, String slug) {
        long id = idOf(slug);
        database.inTransaction(tx -> {
            repository.unfavorite(tx, locked(tx, id), userId);
            return null;
        });
        cache.invalidate(ReadCache.Regions.ARTICLES, ReadCache.Regions.ARTICLE_PAGES);
        return byId(id, userId);
    }

    private Article byId(long id, long viewerId) {
        return queries.byId(id, viewerId).orElseThrow(() -> new DomainException.NotFound("article"));
    }

    private ArticleRepository.Stored locked(DbExecute tx, long id) {
        return repository.lock(tx, id).orElseThrow(() -> new DomainException.NotFound("article"));
    }

    private ArticleRepository.Stored ownedLocked(DbExecute tx, long id, long userId) {
        ArticleRepository.Stored stored = locked(tx, id);
        if (stored.authorId() != userId) {
            throw new DomainException.Forbidden("only the author may change this article");
        }
        return stored;
    }

    /**
     * Runs a write again when a concurrent one took the same slug between the check and the
     * insert; the next attempt sees it taken and picks another.
     */
    private static <T> T retryOnSlugRace(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                boolean slugRace = UniqueViolations.constraint(e).map(c -> c.contains("slug")).orElse(false);
                if (!slugRace || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** A changed title's slug, or with a random suffix when another article has or had it. */
    private String uniqueSlug(DbExecute tx, String title, ArticleRepository.Stored self) {
        String base = slugs.fromTitle(title);
        String candidate = base;
        for (int attempt = 0; attempt < 10; attempt++) {
            boolean ownFormerSlug = candidate.equals(self.slug());
            if (ownFormerSlug || !repository.slugTaken(tx, candidate)) {
                return candidate;
            }
            candidate = slugs.withSuffix(base);
        }
        throw new IllegalStateException("no free slug for " + base);
    }

    /** Tags trimmed, lower-cased, de-duplicated and sorted; null when none were given. */
    private static List<String> tags(List<String> raw, Validation validation) {
        if (raw == null) {
            return null;
        }
        TreeSet<String> tags = new TreeSet<>();
        for (String tag : raw) {
            String clean = tag.strip().toLowerCase(Locale.ROOT);
            if (clean.isEmpty()) {
                continue;
            }
            if (clean.length() > TAG_MAX) {
                validation.add("tagList", "each tag must be at most " + TAG_MAX + " characters");
                return null;
            }
            tags.add(clean);
        }
        if (tags.size() > TAGS_MAX) {
            validation.add("tagList", "at most " + TAGS_MAX + " tags");
            return null;
        }
        return List.copyOf(tags);
    }
}
