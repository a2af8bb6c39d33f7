package dev.inkwell.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small formatting helpers the templates call as {@code display}. */
public final class Display {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public String date(Instant instant) {
        return DATE.format(instant);
    }

    public String iso(Instant instant) {
        return instant.toString();
    }

    /** Page numbers to link to: the first, the last, and a few around the current one (0 marks a gap). */
    public List<Integer> pageNumbers(int current, long total, int pageSize) {
        int pages = (int) Math.max(1, (total + pageSize - 1) / pageSize);
        List<Integer> numbers = new ArrayList<>();
        for (int page = 1; page <= pages; page++) {
            if (page == 1 || page == pages || Math.abs(page - current) <= 2) {
                numbers.add(page);
            } else if (!numbers.isEmpty() && numbers.get(numbers.size() - 1) != 0) {
                numbers.add(0);
            }
        }
        return numbers;
    }
}
