package dev.inkwell.platform;

import java.util.ArrayList;
import java.util.List;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Response headers set by filters that must also be on error responses (the request id, CORS).
 * An error handler starts from a reset response, so {@link ErrorMapper} puts these back.
 */
public final class StickyHeaders {

    private static final String CONTEXT_KEY = "inkwell.sticky-headers";

    private StickyHeaders() {
    }

    public static void set(ServerRequest req, ServerResponse res, HeaderName name, String value) {
        Header header = HeaderValues.create(name, value);
        res.header(header);
        headers(req).add(header);
    }

    public static void restore(ServerRequest req, ServerResponse res) {
        headers(req).forEach(res::header);
    }

    @SuppressWarnings("unchecked")
    private static List<Header> headers(ServerRequest req) {
        var context = req.context();
        return context.get(CONTEXT_KEY, List.class).orElseGet(() -> {
            List<Header> headers = new ArrayList<>();
            context.register(CONTEXT_KEY, headers);
            return headers;
        });
    }
}
