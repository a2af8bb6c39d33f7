package dev.inkwell.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;

/**
 * A failure the client caused or must be told about, rendered as {@code {"errors":{field:[messages]}}}.
 * Handlers and services throw it; {@link ErrorMapper} turns it into a response in one place.
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

    public static ApiException validation(Map<String, List<String>> errors) {
        return new ApiException(Status.UNPROCESSABLE_CONTENT_422, new LinkedHashMap<>(errors), Map.of());
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

    public static ApiException conflict(String field, String message) {
        return of(Status.CONFLICT_409, field, message);
    }

    public static ApiException unavailable(String message) {
        return of(Status.SERVICE_UNAVAILABLE_503, "body", message);
    }

    /** The instance is busy with work it bounds (such as password hashing): try again after a pause. */
    public static ApiException busy(String message, long retryAfterSeconds) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, Map.of("body", List.of(message)),
                                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ApiException tooManyRequests(long retryAfterSeconds) {
        return new ApiException(Status.TOO_MANY_REQUESTS_429,
                                Map.of("body", List.of("too many requests, try again in " + retryAfterSeconds + " seconds")),
                                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
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
