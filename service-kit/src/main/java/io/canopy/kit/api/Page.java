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

    @JsonProperty("has_more")
    public boolean hasMore() {
        return (long) page * perPage < total;
    }

    /** Validates page parameters from a query string; 400 problems name the parameter. */
    public static Request request(Integer page, Integer perPage) {
        int p = page == null ? 1 : page;
        int size = perPage == null ? DEFAULT_PER_PAGE : perPage;
        if (p < 1) {
            throw ProblemException.badRequest("page", "page must be 1 or more");
        }
        if (size < 1 || size > MAX_PER_PAGE) {
            throw ProblemException.badRequest("per_page", "per_page must be between 1 and " + MAX_PER_PAGE);
        }
        return new Request(p, size);
    }

    /** Validated paging: {@link #offset()} rows skipped, {@link #perPage()} rows taken. */
    public record Request(int page, int perPage) {
        public int offset() {
            return (page - 1) * perPage;
        }

        public <T> Page<T> of(List<T> data, long total) {
            return new Page<>(data, page, perPage, total);
        }
    }
}
