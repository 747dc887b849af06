package io.canopy.health.domain;

import java.util.UUID;

/**
 * Who a feed belongs to, as events tell it. Deposits do not name the server, so it may be unknown
 * until the feed's first collection outcome arrives; health changes are published only once it is.
 */
public record FeedKey(UUID feedId, UUID dealerId, UUID accountId, UUID serverId) {

    public FeedKey {
        if (feedId == null || dealerId == null || accountId == null) {
            throw new IllegalArgumentException("a feed needs its id, dealer and account");
        }
    }
}
