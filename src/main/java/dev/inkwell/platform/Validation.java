package dev.inkwell.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects every problem with a request, so the client learns all of them at once. */
public final class Validation {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public Validation add(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        return this;
    }

    /** Checks a required or optional text field's presence and length. */
    public Validation text(String field, String value, boolean required, int maxLength) {
        if (has(field)) {
            return this;
        }
        if (value == null) {
            if (required) {
                add(field, "can't be blank");
            }
        } else if (required && value.isBlank()) {
            add(field, "can't be blank");
        } else if (value.length() > maxLength) {
            add(field, "is too long (maximum is " + maxLength + " characters)");
        }
        return this;
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    /** Refuses the input, listing every problem found, if any. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
    }
}
