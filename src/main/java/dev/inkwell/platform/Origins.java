package dev.inkwell.platform;

import java.net.URI;
import java.util.Locale;

import io.helidon.webserver.http.ServerRequest;

/** Web origins as browsers write them: scheme, host and a port only when it is not the default. */
public final class Origins {

    private Origins() {
    }

    /** The origin the request was addressed to. */
    public static String of(ServerRequest req) {
        var uri = req.requestedUri();
        return normalize(uri.scheme() + "://" + uri.host() + ":" + uri.port());
    }

    /** Lower-cased scheme and host, default port dropped; anything unparsable is returned as given. */
    public static String normalize(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return origin.strip().toLowerCase(Locale.ROOT);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                    || (scheme.equals("http") && port == 80);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return origin.strip().toLowerCase(Locale.ROOT);
        }
    }
}
