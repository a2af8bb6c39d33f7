package dev.inkwell.platform;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL location given either as a JDBC URL or as a libpq URL,
 * {@code postgresql://user:password@host:port/db?params}, the form most hosting tools hand out.
 * A libpq URL may list several hosts ({@code host1:5432,host2:5432}), as for a Patroni cluster;
 * with {@code target_session_attrs=read-write} the driver connects only to the one that takes writes.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    private static final int DEFAULT_PORT = 5432;
    private static final String FORMS =
            "DATABASE_URL must look like postgresql://user:password@host:5432/database"
            + " (several hosts: host1:5432,host2:5432) or jdbc:postgresql://...";

    public static DatabaseUrl parse(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(url, null, null);
        }
        String rest;
        if (url.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else if (url.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else {
            throw new Settings.InvalidSettingsException(FORMS);
        }
        if (rest.indexOf('#') >= 0 || rest.chars().anyMatch(c -> c <= ' ')) {
            throw new Settings.InvalidSettingsException("DATABASE_URL is not a valid URL");
        }
        // java.net.URI takes one host only, so the parts are split here as libpq splits them:
        // the authority ends at the first '/' or '?'; user information ends at its last '@'.
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = rest.substring(0, authorityEnd);
        String afterAuthority = rest.substring(authorityEnd);
        int queryStart = afterAuthority.indexOf('?');
        String path = queryStart < 0 ? afterAuthority : afterAuthority.substring(0, queryStart);
        String query = queryStart < 0 ? "" : afterAuthority.substring(queryStart + 1);

        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            authority = authority.substring(at + 1);
        }
        List<String> hosts = new ArrayList<>();
        for (String host : authority.split(",", -1)) {
            hosts.add(hostAndPort(host));
        }
        String jdbcQuery = jdbcQuery(query);
        if (hosts.size() > 1 && !jdbcQuery.matches(".*[?&]targetServerType=primary(&.*)?")) {
            // Without it the driver would settle for the first host that answers, a standby as well.
            throw new Settings.InvalidSettingsException(
                    "DATABASE_URL lists several hosts, so it needs target_session_attrs=read-write");
        }
        String jdbc = "jdbc:postgresql://" + String.join(",", hosts) + path + jdbcQuery;
        return new DatabaseUrl(jdbc, user, password);
    }

    /** Explicit credentials win over those in the URL. */
    public DatabaseUrl withCredentials(String explicitUser, String explicitPassword) {
        return new DatabaseUrl(jdbcUrl,
                               explicitUser != null ? explicitUser : user,
                               explicitPassword != null ? explicitPassword : password);
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}, always with its port. */
    private static String hostAndPort(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
                throw new Settings.InvalidSettingsException(
                        "DATABASE_URL has a malformed IPv6 host '" + text + "' (write [::1]:5432)");
            }
            host = text.substring(0, close + 1);
            port = close + 1 < text.length() ? text.substring(close + 2) : "";
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? "" : text.substring(colon + 1);
        }
        host = decode(host);
        if (!host.matches("\\[[0-9A-Fa-f:.]+(%\\w+)?]|[\\w.-]+")) {
            throw new Settings.InvalidSettingsException(
                    "DATABASE_URL names a host that is empty or malformed: '" + text + "'");
        }
        return host + ":" + port(port, text);
    }

    private static int port(String text, String host) {
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Settings.InvalidSettingsException("DATABASE_URL has a bad port in '" + host + "' (1-65535)");
    }

    /**
     * The query as PgJDBC reads it: its parameters pass as they are, but libpq's
     * {@code target_session_attrs} becomes PgJDBC's {@code targetServerType}.
     */
    private static String jdbcQuery(String query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String> parameters = new ArrayList<>();
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("target_session_attrs=")) {
                parameters.add("targetServerType=" + targetServerType(
                        decode(parameter.substring("target_session_attrs=".length()))));
            } else if (!parameter.isEmpty()) {
                parameters.add(parameter);
            }
        }
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    /** Inkwell writes, so only the settings that lead to a server taking writes (or to any) make sense. */
    private static String targetServerType(String sessionAttributes) {
        return switch (sessionAttributes) {
            case "read-write", "primary" -> "primary";
            case "any" -> "any";
            default -> throw new Settings.InvalidSettingsException(
                    "DATABASE_URL target_session_attrs must be read-write, primary or any, not '"
                    + sessionAttributes + "'");
        };
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** Percent-decoding only: in a URL a '+' is a plus sign, as libpq reads it. */
    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingsException("DATABASE_URL has a malformed %-escape");
        }
    }

    @Override
    public String toString() {
        return jdbcUrl + " as " + user;
    }
}
