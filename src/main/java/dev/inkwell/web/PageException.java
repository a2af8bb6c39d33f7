package dev.inkwell.web;

import java.util.function.Supplier;

import dev.inkwell.platform.DomainException;

import io.helidon.http.Status;

/** A page request that ends in an error page (404, 403, 503...) with a short explanation. */
public final class PageException extends RuntimeException {

    private final Status status;

    public PageException(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static PageException notFound() {
        return new PageException(Status.NOT_FOUND_404, "We could not find that page.");
    }

    public static PageException forbidden(String message) {
        return new PageException(Status.FORBIDDEN_403, message);
    }

    public static PageException notSignedIn() {
        return new PageException(Status.FORBIDDEN_403, "Please sign in first.");
    }

    public static PageException unavailable() {
        return new PageException(Status.SERVICE_UNAVAILABLE_503,
                                 "Signing in is temporarily unavailable. Please try again in a minute.");
    }

    /** What a page shows, looked up by a service; when the service finds nothing, the 404 page. */
    public static <T> T unlessNotFound(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (DomainException.NotFound e) {
            throw notFound();
        }
    }

    public Status status() {
        return status;
    }
}
