package dev.inkwell.platform;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.helidon.dbclient.DbRow;

/** Typed reads of database row columns. */
public final class Rows {

    private Rows() {
    }

    public static String string(DbRow row, String column) {
        Object value = row.column(column).get(Object.class);
        return value == null ? null : value.toString();
    }

    public static long longValue(DbRow row, String column) {
        return ((Number) row.column(column).get(Object.class)).longValue();
    }

    public static int intValue(DbRow row, String column) {
        return ((Number) row.column(column).get(Object.class)).intValue();
    }

    public static boolean bool(DbRow row, String column) {
        return Boolean.TRUE.equals(row.column(column).get(Object.class));
    }

    public static Instant instant(DbRow row, String column) {
        Object value = row.column(column).get(Object.class);
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("Column " + column + " is not a timestamp: " + value);
    }

    public static List<String> strings(DbRow row, String column) {
        Object value = row.column(column).get(Object.class);
        if (value == null) {
            return List.of();
        }
        try {
            Object array = value instanceof Array sqlArray ? sqlArray.getArray() : value;
            return List.of((String[]) array);
        } catch (SQLException e) {
            throw new IllegalStateException("Column " + column + " is not a text array", e);
        }
    }
}
