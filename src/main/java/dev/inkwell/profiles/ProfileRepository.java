package dev.inkwell.profiles;

import java.util.Optional;

import dev.inkwell.platform.Database;


import static dev.inkwell.platform.Rows.bool;
import static dev.inkwell.platform.Rows.longValue;
import static dev.inkwell.platform.Rows.string;

/** Profiles and the follows between users. */
public final class ProfileRepository {

    private final Database database;

    public ProfileRepository(Database database) {
        this.database = database;
    }

    /** A user found by name, with whether the viewer (0 for nobody) follows them. */
    public Optional<Found> find(String username, long viewerId) {
        return database.read(db -> db.get("""
                        SELECT u.id, u.username, u.bio, u.image,
                               EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ? AND f.followee_id = u.id) AS following
                        FROM users u WHERE lower(u.username) = lower(?)""", viewerId, username)
                .map(row -> new Found(longValue(row, "id"), new Profile(string(row, "username"), string(row, "bio"),
                                                                        string(row, "image"), bool(row, "following")))));
    }

    public void follow(long followerId, long followeeId) {
        database.inTransaction(tx -> tx.insert(
                "INSERT INTO follows (follower_id, followee_id) VALUES (?, ?) ON CONFLICT DO NOTHING", followerId, followeeId));
    }

    public void unfollow(long followerId, long followeeId) {
        database.inTransaction(tx -> tx.delete("DELETE FROM follows WHERE follower_id = ? AND followee_id = ?",
                                               followerId, followeeId));
    }

    /** A profile and the id of the user behind it. */
    public record Found(long userId, Profile profile) {
    }
}
