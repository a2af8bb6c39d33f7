package dev.inkwell.platform;

import io.helidon.common.parameters.Parameters;

/** The {@code limit} and {@code offset} of a list request, validated. */
public record Paging(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 1_000_000;

    public static Paging from(Parameters query) {
        Validation validation = new Validation();
        int limit = number(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, validation);
        int offset = number(query, "offset", 0, 0, MAX_OFFSET, validation);
        validation.check();
        return new Paging(limit, offset);
    }

    private static int number(Parameters query, String name, int fallback, int min, int max, Validation validation) {
        if (!query.contains(name)) {
            return fallback;
        }
        String raw = query.get(name).strip();
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                validation.add(name, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            validation.add(name, "must be a whole number");
            return fallback;
        }
    }
}
