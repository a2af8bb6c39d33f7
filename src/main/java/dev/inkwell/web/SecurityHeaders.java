package dev.inkwell.web;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import dev.inkwell.platform.StickyHeaders;

/**
 * Browser protections on every page: scripts and styles only from this site (no inline script),
 * no framing, no MIME sniffing, a careful referrer. HTML is private to the visitor.
 */
public final class SecurityHeaders implements Filter {

    private static final Header CSP = HeaderValues.createCached(HeaderNames.create("Content-Security-Policy"),
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
                    + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    private static final Header NO_SNIFF = HeaderValues.createCached(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    private static final Header REFERRER = HeaderValues.createCached(HeaderNames.create("Referrer-Policy"),
                                                                     "strict-origin-when-cross-origin");
    private static final Header FRAMES = HeaderValues.createCached(HeaderNames.create("X-Frame-Options"), "DENY");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        StickyHeaders.set(req, res, NO_SNIFF.headerName(), NO_SNIFF.get());
        if (!req.prologue().uriPath().rawPath().startsWith("/api")) {
            for (Header header : new Header[] {CSP, REFERRER, FRAMES}) {
                StickyHeaders.set(req, res, header.headerName(), header.get());
            }
            if (!req.prologue().uriPath().rawPath().startsWith("/assets/")) {
                StickyHeaders.set(req, res, HeaderNames.CACHE_CONTROL, "private, no-cache");
            }
        }
        chain.proceed();
    }
}
