package io.canopy.collector.domain;

import io.canopy.contracts.events.FailureKind;

/**
 * How many pages and list items one collection (or one customer discovery) may read, across all of
 * its paged lists. Paging is otherwise driven by the vendor ({@code TotalRows}, full pages), so a
 * vendor that always answers "there is more" would keep a collection and its memory forever.
 */
public final class PageBudget {

    private final int maxPages;
    private final int maxItems;
    private int pages;
    private long items;

    public PageBudget(int maxPages, int maxItems) {
        this.maxPages = maxPages;
        this.maxItems = maxItems;
    }

    /** Counts a page that was read with {@code itemsOnPage} items; fails past the item cap. */
    public void read(int itemsOnPage, String endpoint) {
        pages++;
        items += itemsOnPage;
        if (items > maxItems) {
            throw new VendorFailure(FailureKind.LIMIT_EXCEEDED, "the vendor listed more than " + maxItems
                    + " items in one collection (" + endpoint + "); stopped reading", 200, 1, endpoint, null);
        }
    }

    /** Called before asking for another page; fails when the page cap is spent. */
    public void next(String endpoint) {
        if (pages >= maxPages) {
            throw new VendorFailure(FailureKind.LIMIT_EXCEEDED, "the vendor kept paging past " + maxPages
                    + " pages in one collection (" + endpoint + "); stopped reading", 200, 1, endpoint, null);
        }
    }

    public int pages() {
        return pages;
    }
}
