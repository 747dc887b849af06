package io.canopy.metering.service;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionCompleted;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.UsageAggregate;
import io.canopy.kit.inbox.ConsumedMessages;
import io.canopy.metering.config.MeteringConfig;
import io.canopy.metering.domain.FeedContext;
import io.canopy.metering.domain.HeldJump;
import io.canopy.metering.domain.Metering;
import io.canopy.metering.domain.MeteringBatch;
import io.canopy.metering.domain.MeteringStore;
import io.canopy.metering.persistence.ReadingRepository;
import io.canopy.metering.persistence.ReadingRepository.Indexed;
import io.canopy.metering.persistence.ReadingRepository.RequestOfFeed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;

/**
 * Metering's use case: applies a batch of readings in ONE transaction. Readings and aggregates are
 * stored, each {@code CollectionCompleted} computes the request's deposits and appends them (ledger +
 * outbox), all committed together, before the caller commits its offsets (DESIGN.md rule 3). An item
 * that cannot be processed parks its feed's request: it and every later item of that request are
 * dead-lettered through their {@link Origin}, and the request's stored readings stop counting.
 *
 * <p>Knows nothing of Kafka: the messaging adapter decodes records into {@link Item}s and gives each
 * an {@link Origin} for what only the transport can do (continue its trace, dead-letter it). Storage is
 * reached through the {@link MeteringStore} port (and {@link MeteringBatch} for clean batches).
 */
@ApplicationScoped
public class ReadingsService {

    private static final Logger LOG = Logger.getLogger(ReadingsService.class);

    /** Name of this consumer in the consumed-message log. */
    public static final String CONSUMER = "metering.readings";

    /** What only the transport a reading came with can do for it. */
    public interface Origin {

        /** Continues the trace the item was sent in (its deposits belong to the collection's trace). */
        Scope continueTrace();

        /** Sends the item to its dead-letter destination, with the reason. */
        void deadLetter(String reason);
    }

    /**
     * One incoming record, understood (or not) before anything is written.
     *
     * @param event   the decoded event, null when it could not be decoded
     * @param request the request it belongs to, null when unknown
     * @param problem why it cannot be processed, null when it can
     */
    public record Item(CanopyEvent event, RequestOfFeed request, String problem, Origin origin) {
        public Item {
            Objects.requireNonNull(origin, "origin");
        }
    }

    @Inject
    ReadingRepository readings;

    /** The record-by-record store (careful path). */
    @Inject
    MeteringStore store;

    /** Set-based stores for clean batches. */
    @Inject
    MeteringBatch.Opener batches;

    @Inject
    ConsumedMessages consumed;

    @Inject
    MeteringConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Metering metering;

    private ZoneId defaultZone;
    private Counter snapshotsStored;
    private Counter depositsAppended;
    private Counter depositConflicts;
    private Counter heldJumps;

    @PostConstruct
    void init() {
        defaultZone = ZoneId.of(config.defaultTimeZone());
        snapshotsStored = metrics.counter("canopy.metering.snapshots.stored");
        depositsAppended = metrics.counter("canopy.metering.deposits.appended");
        depositConflicts = Counter.builder("canopy.metering.deposits.conflicts")
                .description("ALARM: a deposit id came back with different content; the ledger kept the first")
                .register(metrics);
        heldJumps = Counter.builder("canopy.metering.held_jumps")
                .description("implausible counter steps held for review instead of deposited").register(metrics);
    }

    /** Applies the items in order, in one transaction. */
    @Transactional
    public void apply(List<Item> items) {
        Set<RequestOfFeed> parked = readings.parked(items.stream().map(Item::request)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        if (items.stream().allMatch(i -> i.problem() == null && !parked.contains(i.request()))) {
            applySetBased(items);
        } else {
            applyOneByOne(items, parked);
        }
    }

    /** Parks one item that failed on its own (its request with it), in a transaction of its own. */
    @Transactional
    public void park(Item item, String problem) {
        if (item.request() != null) {
            readings.park(item.request(), problem);
        }
        item.origin().deadLetter(problem);
    }

    /**
     * A clean batch (nothing to dead-letter), set-based: its readings and aggregates stored in one
     * statement each, its completions' state loaded with a few queries for the whole batch
     * ({@link MeteringBatch}), computed in memory in batch order, and written at once.
     */
    private void applySetBased(List<Item> items) {
        List<Indexed<MeterSnapshot>> snapshots = new ArrayList<>();
        List<Indexed<UsageAggregate>> aggregates = new ArrayList<>();
        List<Indexed<Item>> completions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.event() instanceof MeterSnapshot snapshot) {
                snapshots.add(new Indexed<>(i, snapshot));
            } else if (item.event() instanceof UsageAggregate aggregate) {
                aggregates.add(new Indexed<>(i, aggregate));
            } else if (item.event() instanceof CollectionCompleted) {
                completions.add(new Indexed<>(i, item));
            }
        }
        Map<UUID, Integer> storedAt = readings.storeReadingsAt(snapshots);
        snapshotsStored.increment(storedAt.size());
        Map<UUID, Integer> aggregatesAt = readings.storeAggregatesAt(aggregates);
        if (completions.isEmpty()) {
            return;
        }
        Set<String> first = readings.consumeFirstTime(CONSUMER, completions.stream()
                .map(c -> ((CollectionCompleted) c.value().event()).eventId().toString()).distinct().toList());
        Map<UUID, ReadingRepository.StoredFeed> stored = readings.feeds(completions.stream()
                .map(c -> ((CollectionCompleted) c.value().event()).feedId()).collect(Collectors.toSet()));
        Map<UUID, FeedContext> feeds = new LinkedHashMap<>();
        List<MeteringBatch.Work> works = new ArrayList<>();
        List<Item> workItems = new ArrayList<>();
        for (Indexed<Item> indexed : completions) {
            CollectionCompleted completed = (CollectionCompleted) indexed.value().event();
            if (!first.remove(completed.eventId().toString())) {
                continue; // consumed before (or earlier in this batch)
            }
            FeedContext feed = ReadingRepository.describe(completed, stored.get(completed.feedId()), defaultZone);
            stored.put(feed.feedId(), new ReadingRepository.StoredFeed(feed.zone().getId(), feed.basis().name(),
                    feed.accountName(), feed.activationDate()));
            feeds.put(feed.feedId(), feed);
            works.add(new MeteringBatch.Work(indexed.index(), feed, completed.requestId(), completed.window()));
            workItems.add(indexed.value());
        }
        readings.saveFeeds(feeds.values());
        MeteringBatch batch = batches.open(storedAt, aggregatesAt);
        batch.prepare(works);
        for (int w = 0; w < works.size(); w++) {
            MeteringBatch.Work work = works.get(w);
            Item item = workItems.get(w);
            CollectionCompleted completed = (CollectionCompleted) item.event();
            batch.at(work);
            // the deposits continue the trace of the collection that produced them
            try (Scope trace = item.origin().continueTrace()) {
                report(work.feed(), completed, metering.complete(batch, work.feed(), completed.requestId(),
                        Optional.of(completed.window()), completed.asOf(), completed.completedAt()));
            }
        }
        batch.flush();
    }

    /** Item by item, in the careful order a batch with a dead-lettered item needs. */
    private void applyOneByOne(List<Item> items, Set<RequestOfFeed> parked) {
        List<MeterSnapshot> snapshots = new ArrayList<>();
        for (Item item : items) {
            if (item.problem() != null) {
                flush(snapshots);
                if (item.request() != null) {
                    readings.park(item.request(), item.problem());
                    parked.add(item.request());
                }
                item.origin().deadLetter(item.problem());
                continue;
            }
            if (parked.contains(item.request())) {
                item.origin().deadLetter("follows a dead-lettered record of request " + item.request().requestId());
                continue;
            }
            if (item.event() instanceof MeterSnapshot snapshot) {
                snapshots.add(snapshot);
            } else if (item.event() instanceof UsageAggregate aggregate) {
                flush(snapshots);
                readings.storeAggregate(aggregate);
            } else if (item.event() instanceof CollectionCompleted completed) {
                flush(snapshots);
                if (consumed.firstTime(CONSUMER, completed.eventId().toString())) {
                    // the deposits continue the trace of the collection that produced them
                    try (Scope trace = item.origin().continueTrace()) {
                        complete(completed);
                    }
                }
            }
        }
        flush(snapshots);
    }

    private void complete(CollectionCompleted completed) {
        FeedContext feed = readings.upsertFeed(completed, defaultZone);
        report(feed, completed, metering.complete(store, feed, completed.requestId(), Optional.of(completed.window()),
                completed.asOf(), completed.completedAt()));
    }

    private void report(FeedContext feed, CollectionCompleted completed, Metering.Completion result) {
        depositsAppended.increment(result.appended().size());
        for (var conflict : result.conflicts()) {
            depositConflicts.increment();
            LOG.errorf("ALARM deposit %s (feed %s, day %s, request %s) already exists with different content;"
                    + " the ledger keeps the recorded entry, %d pages were not appended", conflict.depositId(),
                    conflict.feedId(), conflict.serviceDate(), conflict.requestId(), conflict.standardPages());
        }
        for (HeldJump jump : result.held()) {
            heldJumps.increment();
            LOG.warnf("held for review: a device of feed %s jumped %d impressions from %s to %s (limit %d)%s",
                    feed.feedId(), jump.impressions(), jump.fromDay(), jump.toDay(), jump.limit(),
                    jump.afterReset() ? " after a counter reset" : "");
        }
        LOG.debugf("request %s of feed %s: %d devices, %d days checked, %d deposits", completed.requestId(),
                feed.feedId(), result.devices(), result.daysChecked().size(), result.appended().size());
    }

    private void flush(List<MeterSnapshot> snapshots) {
        if (!snapshots.isEmpty()) {
            snapshotsStored.increment(readings.storeReadings(snapshots));
            snapshots.clear();
        }
    }
}
