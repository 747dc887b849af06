package io.canopy.registry.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.kit.outbox.Outbox;
import io.canopy.registry.domain.Watermark;
import io.canopy.registry.persistence.CollectionRunEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A night of collection as of a business date (DESIGN.md rule 12): one {@code CollectionRequested}
 * per active feed of an active account on a healthy server, window {@code [watermark, as_of)} (on a
 * current-counter feed's activation night the baseline window {@code [A-1, A)}, see {@link Watermark}),
 * written to the outbox in the same transaction that reads the feeds (rule 2). Feeds are read in
 * keyset batches, one transaction each; request ids are deterministic, so a run that is repeated
 * or dies halfway and is started again adds only the requests that are missing.
 */
@ApplicationScoped
public class CollectionRuns {

    private static final Logger LOG = Logger.getLogger(CollectionRuns.class);

    /** Feeds per transaction: large enough to keep round trips few, small enough to keep transactions short. */
    static final int BATCH = 1000;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    io.canopy.registry.config.RegistryConfig config;

    public record RunResult(LocalDate asOf, int requested, int upToDate) {
    }

    public RunResult run(LocalDate asOf) {
        Instant startedAt = Now.of(clock);
        int requested = 0;
        int upToDate = 0;
        UUID after = null;
        while (true) {
            UUID cursor = after;
            int[] counts = new int[2];
            List<FeedTarget> batch = QuarkusTransaction.requiringNew().call(() -> {
                List<FeedTarget> feeds = collectable(cursor);
                List<CollectionRequested> requests = new ArrayList<>(feeds.size());
                for (FeedTarget feed : feeds) {
                    Optional<Watermark.Collection> next = feed.watermark().nightly(asOf, config.nightly().lookbackDays(),
                            feed.vendor().kind());
                    if (next.isEmpty()) {
                        counts[1]++;
                        continue;
                    }
                    requests.add(feed.request(next.get().window(), next.get().purpose(), asOf, startedAt));
                }
                // one JDBC batch per few hundred rows: 10,000 requests must not be 10,000 round trips
                outbox.appendAll(requests, Topics.COLLECTION_REQUESTS);
                counts[0] += requests.size();
                return feeds;
            });
            requested += counts[0];
            upToDate += counts[1];
            if (batch.size() < BATCH) {
                break;
            }
            after = batch.get(batch.size() - 1).feedId();
        }
        int total = requested;
        QuarkusTransaction.requiringNew().run(() -> {
            CollectionRunEntity run = em.find(CollectionRunEntity.class, asOf, LockModeType.PESSIMISTIC_WRITE);
            if (run == null) {
                run = new CollectionRunEntity();
                run.asOf = asOf;
                run.startedAt = startedAt;
                run.requested = total;
                run.persist();
            } else {
                run.requested = total;
            }
        });
        LOG.infof("collection run as of %s: %d requests, %d feeds already up to date", asOf, requested, upToDate);
        return new RunResult(asOf, requested, upToDate);
    }

    /**
     * Registry's business "today" (DESIGN.md rule 12), the same for every dealer since a night runs
     * every dealer's feeds: the latest {@code as_of} a nightly run was started for. Only a run moves
     * it (the scheduler or {@code POST /admin/v1/collection-runs}); manual and backfill requests carry
     * it and never end after it. Before the first run, the UTC date.
     */
    public LocalDate businessToday() {
        return CollectionRunEntity.latestAsOf().orElse(LocalDate.now(clock));
    }

    private List<FeedTarget> collectable(UUID after) {
        String where = "and f.status = 'active' and a.status = 'active' and s.health.status = 'healthy' "
                + (after == null ? "" : "and f.id > :after ") + "order by f.id";
        var query = em.createQuery(FeedTarget.SELECT + where, FeedTarget.class).setMaxResults(BATCH);
        if (after != null) {
            query.setParameter("after", after);
        }
        return new ArrayList<>(query.getResultList());
    }

    /** One request for one feed (manual or backfill), in the caller's transaction. */
    public CollectionRequested requestFor(FeedTarget feed, DateWindow window, CollectionPurpose purpose, LocalDate asOf) {
        CollectionRequested request = feed.request(window, purpose, asOf, Now.of(clock));
        outbox.append(request, Topics.COLLECTION_REQUESTS);
        return request;
    }

    /** The feed with its server and account, for a single request. */
    public Optional<FeedTarget> target(UUID dealerId, UUID feedId) {
        return em.createQuery(FeedTarget.SELECT + "and f.dealerId = :dealer and f.id = :feed", FeedTarget.class)
                .setParameter("dealer", dealerId).setParameter("feed", feedId).getResultStream().findFirst();
    }
}
