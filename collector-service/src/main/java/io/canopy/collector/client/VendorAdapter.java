package io.canopy.collector.client;

import java.time.LocalDate;
import java.util.List;

import io.canopy.collector.domain.CollectedWindow;
import io.canopy.collector.domain.FeedTarget;
import io.canopy.collector.domain.ServerAccess;
import io.canopy.collector.domain.VendorCustomer;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.VendorType;
import io.smallrye.mutiny.Uni;

/**
 * One vendor behind one interface (STYLE.md): check the credentials, list the customers, collect a
 * feed's window. Failures arrive as {@link VendorFailure} with their classified kind. Adding a sixth
 * vendor = one package implementing this + one {@link VendorType} value.
 *
 * <p>A port to the outside that answers asynchronously (Mutiny), so it lives with the clients, not in
 * {@code domain}: the domain keeps only the plain values the adapters hand back.
 */
public interface VendorAdapter {

    VendorType vendor();

    /** Completes when the vendor accepts the credentials; fails with a classified VendorFailure otherwise. */
    Uni<Void> check(ServerAccess server);

    Uni<List<VendorCustomer>> customers(ServerAccess server);

    /**
     * Reads the feed's window: per day for history and aggregate vendors, the current counters for
     * current-counter vendors (which cannot look back; the next delta covers a missed night).
     */
    Uni<CollectedWindow> collect(ServerAccess server, FeedTarget feed, DateWindow window, LocalDate asOf);
}
