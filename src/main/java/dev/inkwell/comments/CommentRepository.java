package dev.inkwell.comments;

import java.util.List;
import java.util.Optional;

import dev.inkwell.platform.Database;
import dev.inkwell.profiles.Profile;

import io.helidon.dbclient.DbRow;

import static dev.inkwell.platform.Rows.bool;
import static dev.inkwell.platform.Rows.instant;
import static dev.inkwell.platform.Rows.longValue;
import static dev.inkwell.platform.Rows.string;

/** Reads and writes comments. */
public final class CommentRepository {

    private static final String SELECT = """
            SELECT c.id, c.author_id, c.body, c.created_at, c.updated_at, u.username, u.bio, u.image,
                   EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ? AND f.followee_id = c.author_id) AS following
            FROM comments c JOIN users u ON u.id = c.author_id
            """;

    private final Database database;

    public CommentRepository(Database database) {
        this.database = database;
    }

    /**
     * Up to {@code limit} of the article's comments after the comment {@code afterId} (0 from the
     * start), oldest first, as the viewer (0 for nobody) sees them. Ids grow with time, so the id
     * is the cursor and a page costs the same however deep it is.
     */
    public List<Comment> page(long articleId, long viewerId, long afterId, int limit) {
        return database.read(db -> db.query(SELECT + "WHERE c.article_id = ? AND c.id > ? ORDER BY c.id LIMIT ?",
                                            viewerId, articleId, afterId, limit)
                .map(CommentRepository::comment)
                .toList());
    }

    public Optional<Comment> find(long articleId, long commentId, long viewerId) {
        return database.read(db -> db.get(SELECT + "WHERE c.article_id = ? AND c.id = ?", viewerId, articleId, commentId)
                .map(CommentRepository::comment));
    }

    /** Adds a comment unless the article already has {@code max} of them; empty when it has. */
    public Optional<Long> insert(long articleId, long authorId, String body, int max) {
        return database.inTransaction(tx -> tx.get("""
                        INSERT INTO comments (article_id, author_id, body)
                        SELECT ?, ?, ? WHERE (SELECT count(*) FROM comments WHERE article_id = ?) < ?
                        RETURNING id""", articleId, authorId, body, articleId, max))
                .map(row -> longValue(row, "id"));
    }

    public void delete(long commentId) {
        database.inTransaction(tx -> tx.delete("DELETE FROM comments WHERE id = ?", commentId));
    }

    private static Comment comment(DbRow row) {
        return new Comment(longValue(row, "id"), longValue(row, "author_id"), string(row, "body"),
                           instant(row, "created_at"), instant(row, "updated_at"),
                           new Profile(string(row, "username"), string(row, "bio"), string(row, "image"),
                                       bool(row, "following")));
    }
}
