package dev.inkwell.tags;

import java.util.List;

import dev.inkwell.platform.Database;


import static dev.inkwell.platform.Rows.string;

/** Reads tags; articles keep them up to date. */
public final class TagRepository {

    private final Database database;

    public TagRepository(Database database) {
        this.database = database;
    }

    /** The {@code limit} most used tags of at least one article, most used first. */
    public List<String> popular(int limit) {
        return database.read(db -> db.query("""
                        SELECT name FROM tags WHERE articles_count > 0 ORDER BY articles_count DESC, name LIMIT ?""",
                                  limit)
                .map(row -> string(row, "name"))
                .toList());
    }
}
