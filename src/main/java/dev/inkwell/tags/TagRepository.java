package dev.inkwell.tags;

import java.util.List;

import dev.inkwell.platform.Database;

import io.helidon.dbclient.DbClient;

import static dev.inkwell.platform.Rows.string;

/** Reads tags; articles keep them up to date. */
public final class TagRepository {

    private final DbClient db;

    public TagRepository(Database database) {
        this.db = database.client();
    }

    /** The {@code limit} most used tags of at least one article, most used first. */
    public List<String> popular(int limit) {
        return db.execute().query("""
                        SELECT name FROM tags WHERE articles_count > 0 ORDER BY articles_count DESC, name LIMIT ?""",
                                  limit)
                .map(row -> string(row, "name"))
                .toList();
    }
}
