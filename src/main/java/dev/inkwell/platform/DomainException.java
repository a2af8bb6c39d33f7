package dev.inkwell.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a service refuses to do, in its own terms: the fields concerned and what is wrong with each.
 * {@link ErrorMapper} renders it for the JSON API as {@code {"errors":...}}; the pages show the
 * form again with the messages next to its fields, or an error page.
 */
public abstract sealed class DomainException extends RuntimeException {

    private final Map<String, List<String>> errors;

    private DomainException(Map<String, List<String>> errors) {
        super(errors.toString(), null, false, false);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    private DomainException(String field, String message) {
        this(Map.of(field, List.of(message)));
    }

    /** Field name to messages, in the order they were found. */
    public Map<String, List<String>> errors() {
        return errors;
    }

    /** The first message, for an error page that shows one. */
    public String firstMessage() {
        return errors.values().iterator().next().getFirst();
    }

    /** Seconds after which trying again may succeed, for refusals that pass. */
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.empty();
    }

    /** What was asked for does not exist. */
    public static final class NotFound extends DomainException {
        public NotFound(String what) {
            super(what, "not found");
        }
    }

    /** The caller may not do this to someone else's work. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String message) {
            super("body", message);
        }
    }

    /** The input breaks the rules: every problem found, by field. */
    public static final class Invalid extends DomainException {
        public Invalid(Map<String, List<String>> errors) {
            super(errors);
        }

        public Invalid(String field, String message) {
            super(field, message);
        }
    }

    /** The input is valid but clashes with what is stored, such as a name already taken. */
    public static final class Conflict extends DomainException {
        public Conflict(String field, String message) {
            super(field, message);
        }
    }

    /** Credentials that do not match an account, or an account that no longer exists. */
    public static final class Unauthenticated extends DomainException {
        public Unauthenticated(String message) {
            super("body", message);
        }
    }

    /** Over a rate limit: the caller may try again after a while. */
    public static final class TooManyRequests extends DomainException {
        private final long retryAfterSeconds;

        public TooManyRequests(long retryAfterSeconds) {
            super("body", "too many requests, try again in " + retryAfterSeconds + " seconds");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public OptionalLong retryAfterSeconds() {
            return OptionalLong.of(retryAfterSeconds);
        }
    }

    /** The instance is busy with work it bounds (such as password hashing): try again after a pause. */
    public static final class Busy extends DomainException {
        private final long retryAfterSeconds;

        public Busy(String message, long retryAfterSeconds) {
            super("body", message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public OptionalLong retryAfterSeconds() {
            return OptionalLong.of(retryAfterSeconds);
        }
    }
}
