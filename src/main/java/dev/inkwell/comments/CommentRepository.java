package dev.inkwell.comments;

import java.util.List;
import java.util.Optional;

import dev.inkwell.platform.Database;
import dev.inkwell.profiles.Profile;

import io.helidon.dbclient.DbClient;
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

    private final DbClient db;

    public CommentRepository(Database database) {
        this.db = database.client();
    }

    /** The article's comments, oldest first, as the viewer (0 for nobody) sees them. */
    public List<Comment> forArticle(long articleId, long viewerId) {
        return db.execute().query(SELECT + "WHERE c.article_id = ? ORDER BY c.created_at, c.id", viewerId, articleId)
                .map(CommentRepository::comment)
                .toList();
    }

    public Optional<Comment> find(long articleId, long commentId, long viewerId) {
        return db.execute().get(SELECT + "WHERE c.article_id = ? AND c.id = ?", viewerId, articleId, commentId)
                .map(CommentRepository::comment);
    }

    public long insert(long articleId, long authorId, String body) {
        return db.execute().get("INSERT INTO comments (article_id, author_id, body) VALUES (?, ?, ?) RETURNING id",
                                articleId, authorId, body)
                .map(row -> longValue(row, "id"))
                .orElseThrow();
    }

    public void delete(long commentId) {
        db.execute().delete("DELETE FROM comments WHERE id = ?", commentId);
    }

    private static Comment comment(DbRow row) {
        return new Comment(longValue(row, "id"), longValue(row, "author_id"), string(row, "body"),
                           instant(row, "created_at"), instant(row, "updated_at"),
                           new Profile(string(row, "username"), string(row, "bio"), string(row, "image"),
                                       bool(row, "following")));
    }
}
