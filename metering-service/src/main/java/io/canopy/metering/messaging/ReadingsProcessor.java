package io.canopy.metering.messaging;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionCompleted;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.UsageAggregate;
import io.canopy.kit.deadletter.DeadLetters;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.kit.inbox.UndecodableRecord;
import io.canopy.kit.tracing.TraceContexts;
import io.canopy.metering.domain.AggregateVolume;
import io.canopy.metering.domain.Counters;
import io.canopy.metering.domain.InvalidReading;
import io.canopy.metering.persistence.ReadingRepository.RequestOfFeed;
import io.canopy.metering.service.ReadingsService;
import io.opentelemetry.context.Scope;

/**
 * The Kafka side of {@code canopy.meter.readings.v1}: turns a poll batch into {@link ReadingsService}
 * items (decoded and validated, each with the request it belongs to, or why it cannot be processed)
 * and gives each an origin that continues the record's trace and dead-letters the record. What a
 * batch does to the ledger is the service's business; the transaction is the service's too.
 */
@ApplicationScoped
public class ReadingsProcessor {

    @Inject
    ReadingsService service;

    @Inject
    DeadLetters deadLetters;

    /** One record and what the service may do with it through the transport. */
    private record KafkaOrigin(ConsumerRecord<String, byte[]> record, DeadLetters deadLetters)
            implements ReadingsService.Origin {

        @Override
        public Scope continueTrace() {
            return TraceContexts.continueTrace(record.headers());
        }

        @Override
        public void deadLetter(String reason) {
            deadLetters.publish(ReadingsService.CONSUMER, record, reason, null); // counted in canopy_dead_letters_total
        }
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

    /** Applies the batch in one transaction (see {@link ReadingsService#apply}). */
    public void process(List<ConsumerRecord<String, byte[]>> batch) {
        service.apply(attributeOrphans(batch.stream().map(ReadingsProcessor::understand).toList()).stream()
                .map(this::toService).toList());
    }

    /** Parks one record that failed on its own (its request with it), in a transaction of its own. */
    public void park(ConsumerRecord<String, byte[]> record, String problem) {
        service.park(toService(attributeOrphans(List.of(understand(record))).get(0)), problem);
    }

    private ReadingsService.Item toService(Item item) {
        return new ReadingsService.Item(item.event(), item.request(), item.problem(),
                new KafkaOrigin(item.record(), deadLetters));
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
