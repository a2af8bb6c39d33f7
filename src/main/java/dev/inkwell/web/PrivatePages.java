package dev.inkwell.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import dev.inkwell.platform.StickyHeaders;

/**
 * Pages are private to the visitor: no shared cache may keep one, and a browser asks again before
 * showing it. The browser protections (CSP, framing, sniffing, referrer, HSTS) are the edge's alone
 * (nginx/sites/inkwell.conf), which also covers the assets and error pages Nginx serves itself.
 */
public final class PrivatePages implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.prologue().uriPath().rawPath();
        if (!path.startsWith("/api") && !path.startsWith("/assets/")) {
            StickyHeaders.set(req, res, HeaderNames.CACHE_CONTROL, "private, no-cache");
        }
        chain.proceed();
    }
}
