package dev.inkwell.web;

import dev.inkwell.platform.Paging;

import io.helidon.common.parameters.Parameters;

/** The {@code ?page=} of a listing page: 1-based, and anything odd means the first page; and cursors. */
public final class PageNumber {

    public static final int PAGE_SIZE = 10;

    private PageNumber() {
    }

    public static int of(Parameters query) {
        try {
            int page = Integer.parseInt(query.first("page").orElse("1"));
            return page >= 1 && (long) (page - 1) * PAGE_SIZE <= Paging.MAX_OFFSET ? page : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A cursor such as {@code ?comments_after=}: the id of the last item seen, or 0 (from the start) for anything odd. */
    public static long cursor(Parameters query, String name) {
        try {
            long id = Long.parseLong(query.first(name).orElse("0"));
            return Math.max(0, id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static Paging paging(int page) {
        return new Paging(PAGE_SIZE, (page - 1) * PAGE_SIZE);
    }
}
