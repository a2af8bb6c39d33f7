package dev.inkwell.platform;

import java.sql.Timestamp;
import java.time.Instant;

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
}
