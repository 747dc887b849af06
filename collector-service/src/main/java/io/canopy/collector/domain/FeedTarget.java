package io.canopy.collector.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import io.canopy.contracts.events.CollectionScope;

/**
 * The vendor customer a feed maps to, and how to read it.
 *
 * @param activationDate the first business day whose pages count, or null (a request of an older
 *                       registry): a history vendor's window that starts on it also brings each
 *                       device's last read before it, the activation day's baseline
 */
public record FeedTarget(UUID feedId, String externalCustomerId, CollectionScope scope, ZoneId timeZone,
        LocalDate activationDate) {

    /** Without an activation date: nothing is looked back for. */
    public FeedTarget(UUID feedId, String externalCustomerId, CollectionScope scope, ZoneId timeZone) {
        this(feedId, externalCustomerId, scope, timeZone, null);
    }

    public boolean managedOnly() {
        return scope == CollectionScope.MANAGED_ONLY;
    }

    /** Whether the window starts on the activation date, so its baseline lies before the window. */
    public boolean startsAtActivation(io.canopy.contracts.arithmetic.DateWindow window) {
        return activationDate != null && window.from().equals(activationDate);
    }
}
