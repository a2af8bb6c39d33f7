package dev.inkwell.articles;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.inkwell.profiles.Profile;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import static dev.inkwell.platform.Rows.instant;
import static dev.inkwell.platform.Rows.longValue;
import static dev.inkwell.platform.Rows.string;

/**
 * Writes of articles, favorites and tags, each inside the caller's transaction, keeping the
 * counters (per author, per tag, per favoriting user and in total) in step with the rows.
 * Rows are always locked in one order (article, then tags by id, then users by id, then the
 * count slot), and new tags are added before any tag is locked, so concurrent writes wait for each
 * other but never deadlock. The locks are FOR NO KEY UPDATE, like an UPDATE's own, so that they never conflict
 * with the key-share locks that foreign-key checks of concurrent inserts take.
 */
final class ArticleRepository {

    /** The parts of a stored article that writes need to know. */
    record Stored(long id, long authorId, String slug, Instant createdAt) {
    }

    /** Locks the article's row for the rest of the transaction, so counters change in one order. */
    Optional<Stored> lock(DbExecute tx, long id) {
        return tx.get("SELECT id, author_id, slug, created_at FROM articles WHERE id = ? FOR NO KEY UPDATE", id)
                .map(row -> new Stored(longValue(row, "id"), longValue(row, "author_id"), string(row, "slug"),
                                       instant(row, "created_at")));
    }

    boolean slugTaken(DbExecute tx, String slug) {
        return tx.get("""
                SELECT EXISTS (SELECT 1 FROM articles WHERE slug = ?)
                    OR EXISTS (SELECT 1 FROM article_slugs WHERE slug = ?) AS taken""", slug, slug)
                .map(row -> Boolean.TRUE.equals(row.column("taken").get(Object.class)))
                .orElse(false);
    }

    /**
     * Publishes an article under {@code slug}, or under {@code spareSlug} when another article has
     * or had that one, with its tags and counters, in four round trips (publishing is the busiest
     * write): the row, new tags, the tags' counts and links, then the author's count and the slot. The article as its
     * author sees it comes back without reading it again.
     */
    Article insert(DbExecute tx, long authorId, String slug, String spareSlug, String title, String description,
                   String body, List<String> tags) {
        DbRow row = tx.get("""
                        INSERT INTO articles (author_id, slug, title, description, body, tag_list)
                        SELECT ?, CASE WHEN EXISTS (SELECT 1 FROM articles WHERE slug = ?)
                                         OR EXISTS (SELECT 1 FROM article_slugs WHERE slug = ?)
                                       THEN ? ELSE ? END, ?, ?, ?, ?
                        RETURNING id, slug, created_at, updated_at""",
                         authorId, slug, slug, spareSlug, slug, title, description, body, tags.toArray(String[]::new))
                .orElseThrow();
        long id = longValue(row, "id");
        addTags(tx, id, tags);
        // The author's row, then the slot: the lock order every write keeps (see above).
        Profile author = tx.get("""
                        WITH author AS (
                            UPDATE users SET articles_count = articles_count + 1 WHERE id = ?
                            RETURNING username, bio, image
                        ), slot AS (
                            UPDATE article_count_slots SET articles_count = articles_count + 1
                            WHERE slot = ? AND (SELECT count(*) FROM author) = 1
                        )
                        SELECT username, bio, image FROM author""", authorId, slotOf(id))
                .map(user -> new Profile(string(user, "username"), string(user, "bio"), string(user, "image"), false))
                .orElseThrow();
        return new Article(id, authorId, string(row, "slug"), title, description, body, tags,
                           instant(row, "created_at"), instant(row, "updated_at"), false, 0, author);
    }

    void update(DbExecute tx, Stored article, String slug, String title, String description, String body) {
        if (!slug.equals(article.slug())) {
            tx.insert("INSERT INTO article_slugs (slug, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                      article.slug(), article.id());
            tx.delete("DELETE FROM article_slugs WHERE slug = ?", slug);
        }
        tx.update("""
                UPDATE articles SET slug = ?, title = ?, description = ?, body = ?, updated_at = now()
                WHERE id = ?""", slug, title, description, body, article.id());
    }

    void replaceTags(DbExecute tx, long articleId, List<String> tags) {
        String[] names = tags.toArray(String[]::new);
        addMissingTags(tx, names);
        // The old tags and the new ones together, by id: one set after the other would not be in order.
        tx.query("""
                SELECT id FROM tags
                WHERE id IN (SELECT tag_id FROM article_tags WHERE article_id = ?) OR name = ANY (?::text[])
                ORDER BY id FOR NO KEY UPDATE""", articleId, names).forEach(row -> { });
        removeTags(tx, articleId);
        tx.update("UPDATE articles SET tag_list = ?, updated_at = now() WHERE id = ?", names, articleId);
        countAndLinkTags(tx, articleId, names);
    }

    void delete(DbExecute tx, Stored article) {
        removeTags(tx, article.id());
        tx.query("""
                SELECT id FROM users
                WHERE id = ? OR id IN (SELECT user_id FROM favorites WHERE article_id = ?)
                ORDER BY id FOR NO KEY UPDATE""", article.authorId(), article.id()).forEach(row -> { });
        tx.update("""
                UPDATE users SET favorites_count = favorites_count - 1
                WHERE id IN (SELECT user_id FROM favorites WHERE article_id = ?)""", article.id());
        tx.update("UPDATE users SET articles_count = articles_count - 1 WHERE id = ?", article.authorId());
        countArticle(tx, article.id(), -1);
        tx.delete("DELETE FROM articles WHERE id = ?", article.id());
    }

    void favorite(DbExecute tx, Stored article, long userId) {
        long inserted = tx.insert("""
                INSERT INTO favorites (user_id, article_id, article_created_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", userId, article.id(), java.sql.Timestamp.from(article.createdAt()));
        if (inserted > 0) {
            tx.update("UPDATE articles SET favorites_count = favorites_count + 1 WHERE id = ?", article.id());
            tx.update("UPDATE users SET favorites_count = favorites_count + 1 WHERE id = ?", userId);
        }
    }

    void unfavorite(DbExecute tx, Stored article, long userId) {
        long deleted = tx.delete("DELETE FROM favorites WHERE user_id = ? AND article_id = ?", userId, article.id());
        if (deleted > 0) {
            tx.update("UPDATE articles SET favorites_count = favorites_count - 1 WHERE id = ?", article.id());
            tx.update("UPDATE users SET favorites_count = favorites_count - 1 WHERE id = ?", userId);
        }
    }

    /** Adds to the total of articles, in the slot of this article. */
    private void countArticle(DbExecute tx, long articleId, int change) {
        tx.update("UPDATE article_count_slots SET articles_count = articles_count + ? WHERE slot = ?",
                  change, slotOf(articleId));
    }

    private static int slotOf(long articleId) {
        return (int) (articleId % 16);
    }

    private void addTags(DbExecute tx, long articleId, List<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        String[] names = tags.toArray(String[]::new);
        addMissingTags(tx, names);
        countAndLinkTags(tx, articleId, names);
    }

    /**
     * Adds the tags nobody used yet, in name order (the names come sorted), before any tag row is
     * locked: a write may wait here for another that adds the same new tag, and must then hold no
     * lock that one needs.
     */
    private void addMissingTags(DbExecute tx, String[] names) {
        tx.insert("INSERT INTO tags (name) SELECT unnest(?::text[]) ON CONFLICT (name) DO NOTHING", (Object) names);
    }

    /** Locks the tags by id (the lock order), counts the article in each and links them, in one round trip. */
    private void countAndLinkTags(DbExecute tx, long articleId, String[] names) {
        tx.insert("""
                WITH locked AS (
                    SELECT id FROM tags WHERE name = ANY (?::text[]) ORDER BY id FOR NO KEY UPDATE
                ), counted AS (
                    UPDATE tags SET articles_count = articles_count + 1 WHERE id IN (SELECT id FROM locked)
                )
                INSERT INTO article_tags (article_id, tag_id, article_created_at)
                SELECT a.id, locked.id, a.created_at FROM locked, articles a WHERE a.id = ?""", names, articleId);
    }

    private void removeTags(DbExecute tx, long articleId) {
        tx.update("""
                UPDATE tags SET articles_count = articles_count - 1
                WHERE id IN (SELECT id FROM tags WHERE id IN (SELECT tag_id FROM article_tags WHERE article_id = ?)
                             ORDER BY id FOR NO KEY UPDATE)""", articleId);
        tx.delete("DELETE FROM article_tags WHERE article_id = ?", articleId);
    }
}
