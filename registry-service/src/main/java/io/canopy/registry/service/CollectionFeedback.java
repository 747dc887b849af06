package io.canopy.registry.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.FeedHealthChanged;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.contracts.events.ServerCheckFailed;
import io.canopy.contracts.events.ServerCheckPassed;
import io.canopy.contracts.events.ServerHealthChanged;
import io.canopy.kit.inbox.ConsumedMessages;
import io.canopy.registry.config.RegistryConfig;
import io.canopy.registry.domain.Watermark;
import io.canopy.registry.persistence.FeedEntity;
import io.canopy.registry.persistence.ServerEntity;

/**
 * What registry learns from the other services: collection outcomes move feeds' watermarks and
 * record server checks; health changes pause and resume servers and turn backfill requests into
 * collection requests. Each event is applied once (DESIGN.md rule 3): its id is recorded in the
 * same transaction as its effect. An event about a feed or server registry does not know (deleted,
 * or not this dealer's) is skipped.
 */
@ApplicationScoped
public class CollectionFeedback {

    private static final Logger LOG = Logger.getLogger(CollectionFeedback.class);

    @Inject
    ConsumedMessages consumed;

    @Inject
    CollectionRuns runs;

    @Inject
    RegistryConfig config;

    @Inject
    Clock clock;

    /** Applies the event unless this consumer already did; returns whether it was new. */
    @Transactional
    public boolean apply(String consumer, String messageId, CanopyEvent event) {
        if (!consumed.firstTime(consumer, messageId)) {
            return false;
        }
        if (event instanceof CollectionSucceeded success) {
            succeeded(success);
        } else if (event instanceof CollectionFailed failure) {
            failed(failure);
        } else if (event instanceof ServerCheckPassed passed) {
            checkPassed(passed);
        } else if (event instanceof ServerCheckFailed checkFailed) {
            checkFailed(checkFailed);
        } else if (event instanceof ServerHealthChanged change) {
            serverHealth(change);
        } else if (event instanceof FeedHealthChanged change) {
            feedHealth(change);
        } else if (event instanceof BackfillRequested backfill) {
            backfill(backfill);
        } else {
            LOG.debugf("ignoring %s: not for registry", event.getClass().getSimpleName());
        }
        return true;
    }

    private void succeeded(CollectionSucceeded event) {
        feed(event.dealerId(), event.feedId()).ifPresent(feed -> {
            Watermark after = feed.watermark().afterSuccess(event.window());
            feed.collectedThrough = after.collectedThrough().orElse(null);
            feed.lastCollectionStatus = "succeeded";
            feed.lastCollectionAt = event.completedAt();
        });
    }

    /** The watermark stays where it is, so the next night's window covers the gap. */
    private void failed(CollectionFailed event) {
        feed(event.dealerId(), event.feedId()).ifPresent(feed -> {
            feed.lastCollectionStatus = "failed: " + event.kind().name().toLowerCase();
            feed.lastCollectionAt = event.failedAt();
        });
    }

    /** A passing check is what registry waits for to resume an unhealthy server (DESIGN.md "Health"). */
    private void checkPassed(ServerCheckPassed event) {
        server(event.dealerId(), event.serverId()).ifPresent(server -> {
            server.health.checkedAt = event.checkedAt();
            if (!server.healthy()) {
                markHealth(server, HealthStatus.HEALTHY, null, event.checkedAt());
            }
        });
    }

    private void checkFailed(ServerCheckFailed event) {
        server(event.dealerId(), event.serverId()).ifPresent(server -> {
            server.health.checkedAt = event.checkedAt();
            if (!server.healthy()) {
                server.health.reason = event.kind().name().toLowerCase();
            }
        });
    }

    private void serverHealth(ServerHealthChanged event) {
        server(event.dealerId(), event.serverId()).ifPresent(server -> {
            if (server.health.isOlderThanLastChange(event.changedAt())) {
                return; // an older change arriving late must not undo a newer one
            }
            server.health.checkedAt = event.changedAt();
            String reason = event.reason() == null ? null : event.reason().name().toLowerCase();
            if (event.status() == HealthStatus.HEALTHY != server.healthy()) {
                markHealth(server, event.status(), reason, event.changedAt());
            } else {
                server.health.reason = reason;
            }
        });
    }

    private void markHealth(ServerEntity server, HealthStatus status, String reason, Instant at) {
        server.health.change(status, reason, at);
        // Unhealthy: its feeds are paused (the nightly run skips them) and checks are scheduled.
        server.nextCheckAt = status == HealthStatus.HEALTHY ? null : Now.of(clock).plus(config.serverCheck().interval());
        server.updatedAt = Now.of(clock);
        LOG.infof("server %s is now %s%s", server.id, server.health.status, reason == null ? "" : " (" + reason + ")");
    }

    private void feedHealth(FeedHealthChanged event) {
        feed(event.dealerId(), event.feedId()).ifPresent(feed -> {
            if (feed.health.isOlderThanLastChange(event.changedAt())) {
                return;
            }
            feed.health.change(event.status(), event.reason() == null ? null : event.reason().name().toLowerCase(),
                    event.changedAt());
            feed.health.checkedAt = event.changedAt();
        });
    }

    /**
     * A recovered feed's episode is collected again, as its own request (purpose backfill). Like a
     * manual run it carries registry's business today as {@code as_of} (never the event's date or
     * the window end), and its window never ends after business today (DESIGN.md rule 12).
     */
    private void backfill(BackfillRequested event) {
        runs.target(event.dealerId(), event.feedId()).ifPresentOrElse(target -> {
            LocalDate today = runs.businessToday();
            DateWindow window = event.window();
            if (window.to().isAfter(today)) {
                if (!window.from().isBefore(today)) {
                    LOG.warnf("backfill %s of feed %s starts on or after business today %s; skipped", event.backfillId(),
                            event.feedId(), today);
                    return;
                }
                window = DateWindow.of(window.from(), today);
            }
            runs.requestFor(target, window, CollectionPurpose.BACKFILL, today);
        }, () -> LOG.debugf("backfill %s for unknown feed %s skipped", event.backfillId(), event.feedId()));
    }

    private static Optional<FeedEntity> feed(java.util.UUID dealerId, java.util.UUID feedId) {
        return feedId == null ? Optional.empty() : FeedEntity.ofDealerForUpdate(dealerId, feedId);
    }

    private static Optional<ServerEntity> server(java.util.UUID dealerId, java.util.UUID serverId) {
        return ServerEntity.ofDealerForUpdate(dealerId, serverId);
    }
}
