package dev.inkwell.web;

import dev.inkwell.platform.Paging;

import io.helidon.common.parameters.Parameters;

/** The {@code ?page=} of a listing page: 1-based, and anything odd means the first page. */
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

    public static Paging paging(int page) {
        return new Paging(PAGE_SIZE, (page - 1) * PAGE_SIZE);
    }
}
