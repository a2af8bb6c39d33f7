package dev.inkwell.users;

import java.util.Optional;

import dev.inkwell.platform.DomainException;
import dev.inkwell.platform.Database;
import dev.inkwell.platform.UniqueViolations;

import io.helidon.dbclient.DbRow;

import static dev.inkwell.platform.Rows.longValue;
import static dev.inkwell.platform.Rows.string;

/** Reads and writes the users table. */
public final class UserRepository {

    private static final String COLUMNS = "id, username, email, password_hash, bio, image";

    private final Database database;

    public UserRepository(Database database) {
        this.database = database;
    }

    public Optional<User> findById(long id) {
        return database.read(db -> db.get("SELECT " + COLUMNS + " FROM users WHERE id = ?", id).map(UserRepository::user));
    }

    public Optional<User> findByEmail(String email) {
        return database.read(db -> db.get("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)", email)
                .map(UserRepository::user));
    }

    public Optional<User> findByUsername(String username) {
        return database.read(db -> db.get("SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(?)",
                                          username)
                .map(UserRepository::user));
    }

    public long count() {
        return database.read(db -> db.get("SELECT count(*) AS n FROM users").map(row -> longValue(row, "n")))
                .orElse(0L);
    }

    /** Inserts a user; a taken username or email answers 409 naming the field. */
    public User insert(String username, String email, String passwordHash) {
        try {
            return database.inTransaction(tx -> tx.get("INSERT INTO users (username, email, password_hash) "
                                                               + "VALUES (?, ?, ?) RETURNING " + COLUMNS,
                                                       username, email, passwordHash))
                    .map(UserRepository::user)
                    .orElseThrow();
        } catch (RuntimeException e) {
            throw takenField(e);
        }
    }

    public User update(User user) {
        try {
            return database.inTransaction(tx -> tx.get(
                            "UPDATE users SET username = ?, email = ?, password_hash = ?, bio = ?::text, "
                            + "image = ?::text, updated_at = now() WHERE id = ? RETURNING " + COLUMNS,
                            user.username(), user.email(), user.passwordHash(), user.bio(), user.image(), user.id()))
                    .map(UserRepository::user)
                    .orElseThrow(() -> new DomainException.NotFound("user"));
        } catch (DomainException e) {
            throw e;
        } catch (RuntimeException e) {
            throw takenField(e);
        }
    }

    private static RuntimeException takenField(RuntimeException e) {
        return UniqueViolations.constraint(e)
                .<RuntimeException>map(constraint -> constraint.contains("email")
                        ? new DomainException.Conflict("email", "has already been taken")
                        : new DomainException.Conflict("username", "has already been taken"))
                .orElse(e);
    }

    private static User user(DbRow row) {
        return new User(longValue(row, "id"), string(row, "username"), string(row, "email"),
                        string(row, "password_hash"), string(row, "bio"), string(row, "image"));
    }
}
