package dev.inkwell.platform;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location given either as a JDBC URL or as {@code postgresql://user:password@host:port/db?params},
 * the form most hosting tools hand out.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(url, null, null);
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new Settings.InvalidSettingsException(
                    "DATABASE_URL must look like postgresql://user:password@host:5432/database or jdbc:postgresql://...");
        }
        try {
            URI uri = URI.create(url);
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            int port = uri.getPort() == -1 ? 5432 : uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
            return new DatabaseUrl(jdbc, user, password);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingsException("DATABASE_URL is not a valid URL");
        }
    }

    /** Explicit credentials win over those in the URL. */
    public DatabaseUrl withCredentials(String explicitUser, String explicitPassword) {
        return new DatabaseUrl(jdbcUrl,
                               explicitUser != null ? explicitUser : user,
                               explicitPassword != null ? explicitPassword : password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return jdbcUrl + " as " + user;
    }
}
