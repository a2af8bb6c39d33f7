package dev.inkwell.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;

/**
 * A failure of the request itself (its method, body, credentials header or route) or a service's
 * {@link DomainException}, rendered as {@code {"errors":{field:[messages]}}}. Handlers throw it;
 * {@link ErrorMapper} turns it into a response in one place.
 */
public final class ApiException extends RuntimeException {

    private final Status status;
    private final Map<String, List<String>> errors;
    private final Map<String, String> headers;

    private ApiException(Status status, Map<String, List<String>> errors, Map<String, String> headers) {
        super(status.code() + " " + errors, null, false, false);
        this.status = status;
        this.errors = errors;
        this.headers = headers;
    }

    public static ApiException of(Status status, String field, String message) {
        return new ApiException(status, Map.of(field, List.of(message)), Map.of());
    }

    public static ApiException validation(String field, String message) {
        return of(Status.UNPROCESSABLE_CONTENT_422, field, message);
    }

    public static ApiException unauthorized(String message) {
        return of(Status.UNAUTHORIZED_401, "body", message);
    }

    public static ApiException forbidden(String message) {
        return of(Status.FORBIDDEN_403, "body", message);
    }

    public static ApiException notFound(String what) {
        return of(Status.NOT_FOUND_404, what, "not found");
    }

    public static ApiException unavailable(String message) {
        return of(Status.SERVICE_UNAVAILABLE_503, "body", message);
    }

    /** A service's refusal as the API answers it. */
    public static ApiException from(DomainException refusal) {
        Map<String, String> headers = new LinkedHashMap<>();
        refusal.retryAfterSeconds().ifPresent(seconds -> headers.put("Retry-After", Long.toString(seconds)));
        return new ApiException(ErrorMapper.status(refusal), refusal.errors(), headers);
    }

    public static ApiException methodNotAllowed(String allowed) {
        return new ApiException(Status.METHOD_NOT_ALLOWED_405,
                                Map.of("body", List.of("method not allowed")),
                                Map.of("Allow", allowed));
    }

    public Status status() {
        return status;
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
