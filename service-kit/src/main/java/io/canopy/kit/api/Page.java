package io.canopy.kit.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of a list endpoint: {@code ?page=1&per_page=50} (1-based, PrintReleaf style), with the
 * total so a client can stop without asking for an empty page.
 */
public record Page<T>(List<T> data, int page, @JsonProperty("per_page") int perPage, long total) {

    public static final int DEFAULT_PER_PAGE = 50;
    public static final int MAX_PER_PAGE = 500;
    /**
     * The last page a client may ask for. A deeper page is a scan no dealer needs (narrow the list
     * with its filters instead), and the bound keeps {@code (page - 1) * per_page} far inside an
     * {@code int} (at most 49,999,500 rows skipped), so no store's paging arithmetic can overflow.
     */
    public static final int MAX_PAGE = 100_000;

    @JsonProperty("has_more")
    public boolean hasMore() {
        return (long) page * perPage < total;
    }

    /** Validates page parameters from a query string; 400 problems name the parameter. */
    public static Request request(Integer page, Integer perPage) {
        int p = page == null ? 1 : page;
        int size = perPage == null ? DEFAULT_PER_PAGE : perPage;
        if (p < 1 || p > MAX_PAGE) {
            throw ProblemException.badRequest("page", "page must be between 1 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PER_PAGE) {
            throw ProblemException.badRequest("per_page", "per_page must be between 1 and " + MAX_PER_PAGE);
        }
        return new Request(p, size);
    }

    /** Validated paging: {@link #offset()} rows skipped, {@link #perPage()} rows taken. */
    public record Request(int page, int perPage) {

        /** Rows skipped; computed in {@code long} so no page/per_page pair can wrap around. */
        public long offset() {
            return (long) (page - 1) * perPage;
        }

        /** {@link #offset()} for stores that index rows with an {@code int}; exact thanks to {@link #MAX_PAGE}. */
        public int firstIndex() {
            return Math.toIntExact(offset());
        }

        /** The index of the last row of this page, inclusive (for {@code range(first, last)} APIs). */
        public int lastIndex() {
            return Math.toIntExact(offset() + perPage - 1);
        }

        public <T> Page<T> of(List<T> data, long total) {
            return new Page<>(data, page, perPage, total);
        }
    }
}
