package io.canopy.metering.messaging;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionCompleted;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.UsageAggregate;
import io.canopy.kit.deadletter.DeadLetters;
import io.canopy.kit.inbox.ConsumedMessages;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.kit.inbox.UndecodableRecord;
import io.canopy.kit.tracing.TraceContexts;
import io.canopy.metering.config.MeteringConfig;
import io.canopy.metering.domain.AggregateVolume;
import io.canopy.metering.domain.Counters;
import io.canopy.metering.domain.FeedContext;
import io.canopy.metering.domain.HeldJump;
import io.canopy.metering.domain.InvalidReading;
import io.canopy.metering.domain.Metering;
import io.canopy.metering.persistence.BatchMeteringStore;
import io.canopy.metering.persistence.JdbcMeteringStore;
import io.canopy.metering.persistence.ReadingRepository;
import io.canopy.metering.persistence.ReadingRepository.Indexed;
import io.canopy.metering.persistence.ReadingRepository.RequestOfFeed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;

/**
 * Applies a batch of records from {@code canopy.meter.readings.v1} in ONE transaction: readings
 * and aggregates are stored, each {@code CollectionCompleted} computes the request's deposits and
 * appends them (ledger + outbox) — all committed together, before the consumer commits offsets.
 * A record that cannot be processed parks its feed's request: it and every later record of that
 * request go to the dead-letter topic, and the request's stored readings stop counting.
 */
@ApplicationScoped
public class ReadingsProcessor {

    private static final Logger LOG = Logger.getLogger(ReadingsProcessor.class);

    /** Name of this consumer in the consumed-message log. */
    static final String CONSUMER = "metering.readings";

    @Inject
    ReadingRepository readings;

    @Inject
    JdbcMeteringStore store;

    @Inject
    ConsumedMessages consumed;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeteringConfig config;

    @Inject
    MeterRegistry metrics;

    private Metering metering;
    private ZoneId defaultZone;
    private Counter snapshotsStored;
    private Counter depositsAppended;
    private Counter depositConflicts;
    private Counter heldJumps;

    @PostConstruct
    void init() {
        metering = new Metering(config.rules());
        defaultZone = ZoneId.of(config.defaultTimeZone());
        snapshotsStored = metrics.counter("canopy.metering.snapshots.stored");
        depositsAppended = metrics.counter("canopy.metering.deposits.appended");
        depositConflicts = Counter.builder("canopy.metering.deposits.conflicts")
                .description("ALARM: a deposit id came back with different content; the ledger kept the first")
                .register(metrics);
        heldJumps = Counter.builder("canopy.metering.held_jumps")
                .description("implausible counter steps held for review instead of deposited").register(metrics);
    }

    /** One record, understood (or not) before anything is written. */
    record Item(ConsumerRecord<String, byte[]> record, CanopyEvent event, RequestOfFeed request, String problem) {
    }

    /**
     * The request each feed's records last belonged to: a record too broken to name its request is
     * taken to belong to its feed's current one (a request's records are contiguous on the feed's
     * partition). A hint only; lost on restart, when the record's own batch is the evidence.
     */
    private final Map<String, RequestOfFeed> currentRequestOfFeed = new ConcurrentHashMap<>();

    @Transactional
    public void process(List<ConsumerRecord<String, byte[]>> batch) {
        List<Item> items = attributeOrphans(batch.stream().map(ReadingsProcessor::understand).toList());
        Set<RequestOfFeed> parked = readings.parked(items.stream().map(Item::request)
                .filter(r -> r != null).collect(java.util.stream.Collectors.toSet()));
        if (items.stream().allMatch(i -> i.problem() == null && !parked.contains(i.request()))) {
            processSetBased(items);
        } else {
            processOneByOne(items, parked);
        }
    }

    /**
     * A clean batch (nothing to dead-letter), set-based: its readings and aggregates stored in one
     * statement each, its completions' state loaded with a few queries for the whole batch
     * ({@link BatchMeteringStore}), computed in memory in batch order, and written at once.
     */
    private void processSetBased(List<Item> items) {
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
                .map(c -> ((CollectionCompleted) c.value().event()).feedId()).collect(java.util.stream.Collectors.toSet()));
        Map<UUID, FeedContext> feeds = new java.util.LinkedHashMap<>();
        List<BatchMeteringStore.Work> works = new ArrayList<>();
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
            works.add(new BatchMeteringStore.Work(indexed.index(), feed, completed.requestId(), completed.window()));
            workItems.add(indexed.value());
        }
        readings.saveFeeds(feeds.values());
        BatchMeteringStore batchStore = store.batch(storedAt, aggregatesAt);
        batchStore.prepare(works);
        for (int w = 0; w < works.size(); w++) {
            BatchMeteringStore.Work work = works.get(w);
            Item item = workItems.get(w);
            CollectionCompleted completed = (CollectionCompleted) item.event();
            batchStore.at(work);
            // the deposits continue the trace of the collection that produced them
            try (Scope trace = TraceContexts.continueTrace(item.record().headers())) {
                report(work.feed(), completed, metering.complete(batchStore, work.feed(), completed.requestId(),
                        Optional.of(completed.window()), completed.asOf(), completed.completedAt()));
            }
        }
        batchStore.flush();
    }

    /** Record by record, in the careful order a batch with a dead-lettered record needs. */
    private void processOneByOne(List<Item> items, Set<RequestOfFeed> parked) {
        List<MeterSnapshot> snapshots = new ArrayList<>();
        for (Item item : items) {
            if (item.problem() != null) {
                flush(snapshots);
                if (item.request() != null) {
                    readings.park(item.request(), item.problem());
                    parked.add(item.request());
                }
                deadLetter(item, item.problem());
                continue;
            }
            if (parked.contains(item.request())) {
                deadLetter(item, "follows a dead-lettered record of request " + item.request().requestId());
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
                    try (Scope trace = TraceContexts.continueTrace(item.record().headers())) {
                        complete(completed);
                    }
                }
            }
        }
        flush(snapshots);
    }

    /** Parks one record that failed on its own (its request with it), in a transaction of its own. */
    @Transactional
    public void park(ConsumerRecord<String, byte[]> record, String problem) {
        Item item = attributeOrphans(List.of(understand(record))).get(0);
        if (item.request() != null) {
            readings.park(item.request(), problem);
        }
        deadLetter(item, problem);
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

    private void deadLetter(Item item, String reason) {
        deadLetters.publish(CONSUMER, item.record(), reason, null); // counted in canopy_dead_letters_total
    }

    /** Gives a record without a readable request the request of its feed's neighbouring records. */
    private List<Item> attributeOrphans(List<Item> items) {
        List<Item> attributed = new ArrayList<>(items);
        for (int i = 0; i < attributed.size(); i++) {
            Item item = attributed.get(i);
            String feed = item.record().key();
            if (item.request() != null) {
                if (feed != null) {
                    currentRequestOfFeed.put(feed, item.request());
                }
                continue;
            }
            RequestOfFeed guess = feed == null ? null : currentRequestOfFeed.get(feed);
            for (int j = i + 1; guess == null && j < attributed.size(); j++) {
                if (feed != null && feed.equals(attributed.get(j).record().key())) {
                    guess = attributed.get(j).request();
                }
            }
            if (guess != null) {
                attributed.set(i, new Item(item.record(), item.event(), guess, item.problem()));
            }
        }
        return attributed;
    }

    /** Decodes and validates a record without touching the database. */
    static Item understand(ConsumerRecord<String, byte[]> record) {
        CanopyEvent event;
        try {
            event = EventRecords.decode(record);
        } catch (UndecodableRecord e) {
            return new Item(record, null, requestOf(record.value()), e.getMessage());
        }
        RequestOfFeed request = null;
        if (event instanceof MeterSnapshot s) {
            request = new RequestOfFeed(s.feedId(), s.requestId());
        } else if (event instanceof UsageAggregate a) {
            request = new RequestOfFeed(a.feedId(), a.requestId());
        } else if (event instanceof CollectionCompleted c) {
            request = new RequestOfFeed(c.feedId(), c.requestId());
        }
        if (request == null) {
            return new Item(record, event, null, "unexpected event type " + event.getClass().getSimpleName()
                    + " on the readings topic");
        }
        try {
            if (event instanceof MeterSnapshot s) {
                new Counters(s.smallCount(), s.largeCount(), s.areaHundredthsMm2());
            } else if (event instanceof UsageAggregate a) {
                new AggregateVolume(a.smallPages(), a.largePages(), a.duplexSheets());
            } else if (event instanceof CollectionCompleted c && c.timeZone() != null) {
                ZoneId.of(c.timeZone());
            }
        } catch (InvalidReading | java.time.DateTimeException e) {
            return new Item(record, event, request, "invalid " + event.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Item(record, event, request, null);
    }

    /** Best effort: the request of a body that is not a valid event, so the rest of it can follow. */
    private static RequestOfFeed requestOf(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode json = EventJson.mapper().readTree(body);
            return new RequestOfFeed(UUID.fromString(json.path("feedId").asText()),
                    UUID.fromString(json.path("requestId").asText()));
        } catch (Exception e) {
            return null;
        }
    }
}
