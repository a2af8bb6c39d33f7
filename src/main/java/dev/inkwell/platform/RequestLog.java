package dev.inkwell.platform;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.logging.common.HelidonMdc;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane), echoes it,
 * makes it part of every log line, and writes one access-log line and one metric sample per request.
 */
public final class RequestLog implements Filter {

    public static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    static final String MDC_KEY = "requestId";

    private static final System.Logger ACCESS = System.getLogger("dev.inkwell.access");
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final SecureRandom random = new SecureRandom();
    private final Telemetry telemetry;
    private final ClientAddress clientAddress;

    public RequestLog(Telemetry telemetry, ClientAddress clientAddress) {
        this.telemetry = telemetry;
        this.clientAddress = clientAddress;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String id = req.headers().first(REQUEST_ID).filter(v -> SANE_ID.matcher(v).matches()).orElseGet(this::newId);
        StickyHeaders.set(req, res, REQUEST_ID, id);
        HelidonMdc.set(MDC_KEY, id);
        try {
            chain.proceed();
        } finally {
            long nanos = System.nanoTime() - start;
            String method = methodLabel(req.prologue().method().text());
            int status = res.status().code();
            telemetry.request(method, Routes.label(req), status, nanos);
            if (ACCESS.isLoggable(Level.INFO)) {
                ACCESS.log(Level.INFO, "%s %s %d %.1fms client=%s".formatted(
                        method, req.prologue().uriPath().rawPath(), status, nanos / 1e6, clientAddress.of(req)));
            }
            HelidonMdc.remove(MDC_KEY);
        }
    }

    /**
     * The method as metrics and logs name it: a client may send any token as a method, and each new
     * label would be a new timer kept for the life of the process.
     */
    static String methodLabel(String method) {
        return KNOWN_METHODS.contains(method) ? method : "OTHER";
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Nanoseconds as the unit metrics use. */
    static final TimeUnit UNIT = TimeUnit.NANOSECONDS;
}
