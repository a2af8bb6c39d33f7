package dev.inkwell.articles;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.inkwell.articles.ArticleService.ArticlePage;
import dev.inkwell.platform.Database;
import dev.inkwell.platform.Paging;
import dev.inkwell.profiles.Profile;

import static dev.inkwell.platform.Rows.longValue;

/**
 * Reads of articles. Every list first picks the page's ids from an index in order
 * (so the work grows with limit + offset, not with the table), then fills in the page.
 * Totals come from counters kept by the writes, not from counting rows, and ride along with the
 * page: one statement, so a list takes one turn at the connection pool and one round trip.
 */
final class ArticleQueries {

    /** The viewer-dependent columns; the viewer id is 0 for anonymous readers. */
    private static final String SELECT_ARTICLE = """
            SELECT a.id, a.author_id, a.slug, a.title, a.description, %s a.tag_list, a.created_at, a.updated_at,
                   a.favorites_count, u.username, u.bio, u.image,
                   EXISTS (SELECT 1 FROM favorites f WHERE f.user_id = ? AND f.article_id = a.id) AS favorited,
                   EXISTS (SELECT 1 FROM follows fo WHERE fo.follower_id = ? AND fo.followee_id = a.author_id) AS following
            """;

    /** The page's ids, then the articles with the total (an uncorrelated subquery: computed once). */
    private static final String PAGE = """
            WITH page AS (%s)
            """ + SELECT_ARTICLE.formatted("") + """
                   , (%s) AS total
            FROM page JOIN articles a ON a.id = page.id JOIN users u ON u.id = a.author_id
            ORDER BY a.created_at DESC, a.id DESC""";

    private static final String ALL_IDS =
            "SELECT id FROM articles ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
    private static final String TAG_IDS = """
            SELECT article_id AS id FROM article_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?)
            ORDER BY article_created_at DESC, article_id DESC LIMIT ? OFFSET ?""";
    private static final String AUTHOR_IDS = """
            SELECT id FROM articles WHERE author_id = (SELECT id FROM users WHERE lower(username) = lower(?))
            ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?""";
    private static final String FAVORITED_IDS = """
            SELECT article_id AS id FROM favorites WHERE user_id = (SELECT id FROM users WHERE lower(username) = lower(?))
            ORDER BY article_created_at DESC, article_id DESC LIMIT ? OFFSET ?""";
    /** Several filters at once: rare, so a general query suffices. */
    private static final String COMBINED_WHERE = """
            FROM articles a
            WHERE (?::text IS NULL OR EXISTS (SELECT 1 FROM article_tags t JOIN tags g ON g.id = t.tag_id
                                              WHERE t.article_id = a.id AND g.name = ?::text))
              AND (?::text IS NULL OR a.author_id = (SELECT id FROM users WHERE lower(username) = lower(?::text)))
              AND (?::text IS NULL OR EXISTS (SELECT 1 FROM favorites f JOIN users fu ON fu.id = f.user_id
                                              WHERE f.article_id = a.id AND lower(fu.username) = lower(?::text)))""";
    private static final String COMBINED_IDS = "SELECT a.id " + COMBINED_WHERE
            + " ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?";
    /**
     * The feed takes, from each followed author, at most limit + offset of their newest articles
     * (one index range each), and pages through that union.
     */
    private static final String FEED_IDS = """
            SELECT id FROM (
                SELECT recent.id, recent.created_at FROM follows f
                CROSS JOIN LATERAL (SELECT id, created_at FROM articles WHERE author_id = f.followee_id
                                    ORDER BY created_at DESC, id DESC LIMIT ?) recent
                WHERE f.follower_id = ?) candidates
            ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?""";

    private final Database database;

    ArticleQueries(Database database) {
        this.database = database;
    }

    /** A statement giving a total as its one column {@code n}, with its parameters. */
    private record Count(String query, Object... parameters) {
    }

    ArticlePage list(ArticleFilter filter, Paging paging, long viewerId) {
        int filters = (filter.tag() != null ? 1 : 0) + (filter.author() != null ? 1 : 0)
                + (filter.favoritedBy() != null ? 1 : 0);
        if (filters == 0) {
            return page(ALL_IDS, count(filter), viewerId, paging.limit(), paging.offset());
        }
        if (filters == 1) {
            String ids = filter.tag() != null ? TAG_IDS : filter.author() != null ? AUTHOR_IDS : FAVORITED_IDS;
            String value = filter.tag() != null ? filter.tag()
                    : filter.author() != null ? filter.author() : filter.favoritedBy();
            return page(ids, count(filter), viewerId, value, paging.limit(), paging.offset());
        }
        List<Object> parameters = new ArrayList<>(combinedParameters(filter));
        parameters.add(paging.limit());
        parameters.add(paging.offset());
        return page(COMBINED_IDS, count(filter), viewerId, parameters.toArray());
    }

    private static Count count(ArticleFilter filter) {
        if (filter.isEmpty()) {
            return new Count("SELECT sum(articles_count) AS n FROM article_count_slots");
        }
        if (filter.tag() != null && filter.author() == null && filter.favoritedBy() == null) {
            return new Count("SELECT articles_count AS n FROM tags WHERE name = ?", filter.tag());
        }
        if (filter.author() != null && filter.tag() == null && filter.favoritedBy() == null) {
            return new Count("SELECT articles_count AS n FROM users WHERE lower(username) = lower(?)", filter.author());
        }
        if (filter.favoritedBy() != null && filter.tag() == null && filter.author() == null) {
            return new Count("SELECT favorites_count AS n FROM users WHERE lower(username) = lower(?)",
                             filter.favoritedBy());
        }
        return new Count("SELECT count(*) AS n " + COMBINED_WHERE, combinedParameters(filter).toArray());
    }

    /** Articles by followed authors; their total is the sum of the authors' counters. */
    ArticlePage feed(long userId, Paging paging) {
        Count count = new Count("""
                SELECT coalesce(sum(u.articles_count), 0) AS n
                FROM follows f JOIN users u ON u.id = f.followee_id WHERE f.follower_id = ?""", userId);
        return page(FEED_IDS, count, userId, paging.limit() + paging.offset(), userId, paging.limit(), paging.offset());
    }

    /** The article under this slug, or under a slug it had before its title changed. */
    Optional<Article> bySlug(String slug, long viewerId) {
        return idOf(slug).flatMap(id -> byId(id, viewerId));
    }

    Optional<Article> byId(long id, long viewerId) {
        String query = SELECT_ARTICLE.formatted("a.body,")
                + " FROM articles a JOIN users u ON u.id = a.author_id WHERE a.id = ?";
        return database.query(query, row -> article(row, true), viewerId, viewerId, id).stream().findFirst();
    }

    Optional<Long> idOf(String slug) {
        return database.read(db -> db.get("""
                        SELECT id FROM articles WHERE slug = ?
                        UNION ALL
                        SELECT article_id FROM article_slugs WHERE slug = ?
                        LIMIT 1""", slug, slug)
                .map(row -> longValue(row, "id")));
    }

    private ArticlePage page(String idQuery, Count count, long viewerId, Object... idParameters) {
        // Arrays.asList: the combined filter's parameters include nulls.
        List<Object> parameters = new ArrayList<>(Arrays.asList(idParameters));
        parameters.add(viewerId);
        parameters.add(viewerId);
        parameters.addAll(Arrays.asList(count.parameters()));
        List<PageRow> rows = database.query(PAGE.formatted(idQuery, count.query()),
                                            row -> new PageRow(article(row, false), row.getLong("total")),
                                            parameters.toArray());
        if (rows.isEmpty()) {
            // Past the last page, or nothing matches: the total on its own.
            return new ArticlePage(List.of(), scalar(count.query(), count.parameters()));
        }
        return new ArticlePage(rows.stream().map(PageRow::article).toList(), rows.getFirst().total());
    }

    /** An article of a page, and the total every row of the page carries (0 when there is none). */
    private record PageRow(Article article, long total) {
    }

    private long scalar(String query, Object... parameters) {
        return database.read(db -> db.get(query, parameters).map(row -> longValue(row, "n"))).orElse(0L);
    }

    private static List<Object> combinedParameters(ArticleFilter filter) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(filter.tag());
        parameters.add(filter.tag());
        parameters.add(filter.author());
        parameters.add(filter.author());
        parameters.add(filter.favoritedBy());
        parameters.add(filter.favoritedBy());
        return parameters;
    }

    private static Article article(ResultSet row, boolean withBody) throws SQLException {
        return new Article(row.getLong("id"), row.getLong("author_id"), row.getString("slug"),
                           row.getString("title"), row.getString("description"),
                           withBody ? row.getString("body") : null,
                           List.of((String[]) row.getArray("tag_list").getArray()),
                           row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
                           row.getBoolean("favorited"), row.getInt("favorites_count"),
                           new Profile(row.getString("username"), row.getString("bio"), row.getString("image"),
                                       row.getBoolean("following")));
    }
}
