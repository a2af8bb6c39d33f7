package dev.inkwell.platform;

/** No connection to PostgreSQL could be had; requests answer 503 until it returns. */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(Throwable cause) {
        super("PostgreSQL is unavailable", cause);
    }
}
