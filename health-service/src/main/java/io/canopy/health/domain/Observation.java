package io.canopy.health.domain;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.ServerCheckFailed;
import io.canopy.contracts.events.ServerCheckPassed;

/**
 * What one consumed event tells health: something about a feed's night, something about its
 * server, or both. Health learns about feeds and servers only from these.
 *
 * @param feed     the feed, when the event is about one
 * @param timeZone the account's IANA zone, when the event carries it
 * @param night    the feed's night as this event alone sees it
 * @param serverId the server, when the event names one
 * @param server   the server's health as this event shows it (absent when it says nothing about it)
 */
public record Observation(UUID dealerId, LocalDate asOf, FeedKey feed, String timeZone, FeedNight night,
        UUID serverId, ServerSignal server) {

    public Optional<FeedKey> feedKey() {
        return Optional.ofNullable(feed);
    }

    public Optional<ServerSignal> serverSignal() {
        return Optional.ofNullable(server);
    }

    /**
     * Reads an event. "New data" is what the collection reports, whatever the vendor: the newest
     * reading time, or the newest day the vendor had data for; or a deposit with pages on its day.
     * Failures that break the whole server (rejected credentials, unreachable) mark the server and
     * are not also counted against the feed.
     *
     * @return empty for events health does not use (e.g. {@link BackfillRequested} of its own)
     */
    public static Optional<Observation> of(CanopyEvent event) {
        if (event instanceof CollectionSucceeded s) {
            LocalDate dataDay = s.newestDataDate();
            if (s.nonEmptyDays() > 0 && s.window().lengthInDays() == 1) {
                // A one-day window with volume had data that day, even in an outcome of a collector
                // from before newestDataDate (replayed or mid-upgrade), which names no day.
                dataDay = FeedNight.max(dataDay, s.window().from());
            }
            return Optional.of(new Observation(s.dealerId(), s.asOf(),
                    new FeedKey(s.feedId(), s.dealerId(), s.accountId(), s.serverId()), s.timeZone(),
                    FeedNight.succeeded(s.asOf(), s.newestReadingTime(), dataDay), s.serverId(),
                    ServerSignal.passed(s.asOf(), s.completedAt())));
        }
        if (event instanceof CollectionFailed f) {
            boolean serverWide = f.kind().marksServerUnhealthy();
            return Optional.of(new Observation(f.dealerId(), f.asOf(),
                    new FeedKey(f.feedId(), f.dealerId(), f.accountId(), f.serverId()), f.timeZone(),
                    FeedNight.failed(f.asOf(), !serverWide), f.serverId(),
                    serverWide ? ServerSignal.failed(f.asOf(), f.failedAt(), f.kind(), f.reason()) : null));
        }
        if (event instanceof ServerCheckPassed p) {
            return Optional.of(new Observation(p.dealerId(), p.asOf(), null, null, null, p.serverId(),
                    ServerSignal.passed(p.asOf(), p.checkedAt())));
        }
        if (event instanceof ServerCheckFailed f) {
            return Optional.of(new Observation(f.dealerId(), f.asOf(), null, null, null, f.serverId(),
                    ServerSignal.failed(f.asOf(), f.checkedAt(), f.kind(), f.reason())));
        }
        if (event instanceof DepositRecorded d) {
            FeedNight night = d.dayTotalPages() > 0 ? FeedNight.dataDay(d.asOf(), d.serviceDate())
                    : new FeedNight(d.asOf(), false, false, null, null);
            return Optional.of(new Observation(d.dealerId(), d.asOf(),
                    new FeedKey(d.feedId(), d.dealerId(), d.accountId(), null), null, night, null, null));
        }
        return Optional.empty();
    }
}
