package io.canopy.collector;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionScope;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.contracts.sealing.CredentialSealer;
import io.canopy.simulator.VendorSimulatorResource;
import io.canopy.simulator.scenario.Scenario;
import io.canopy.simulator.scenario.ScenarioLoader;
import io.canopy.simulator.scenario.ServerSpec;
import io.canopy.localstack.testing.TestKafka;
import io.canopy.localstack.testing.TopicContents;

/** Builds requests the way registry will, sends them through the real broker, reads what came out. */
final class CollectorTestSupport {

    static final String TEST_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final CredentialSealer SEALER = new CredentialSealer(Map.of("k1", TEST_KEY), "k1");

    /** The demo scenario (vendor-simulator/scenarios/demo.yaml): it has a server of every vendor. */
    private static final Scenario DEMO = ScenarioLoader.load("demo");

    /** The demo's first server of each vendor and its (simulated) credentials. */
    static final Map<VendorType, Map<String, String>> CREDENTIALS = DEMO.perVendor(ServerSpec::credentials);

    static final Map<VendorType, String> SERVER_NAMES = DEMO.perVendor(ServerSpec::name);

    /** A customer of each demo server. */
    static final Map<VendorType, String> CUSTOMERS = DEMO.perVendor(s -> s.customers().get(0).id());

    /** The last secret credential field of a vendor and a well-formed value for it that is not the demo's. */
    static Map.Entry<String, String> wrongSecret(VendorType vendor) {
        VendorDescriptor.CredentialField field = VendorDescriptor.of(vendor).credentials().stream()
                .filter(VendorDescriptor.CredentialField::secret).reduce((first, second) -> second).orElseThrow();
        return Map.entry(field.name(), field.format().sample(424_242));
    }

    private CollectorTestSupport() {
    }

    static String serverUrl(VendorType vendor) {
        return VendorSimulatorResource.current().serverUrl(vendor.wireName(), SERVER_NAMES.get(vendor));
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static CollectionRequested request(VendorType vendor, UUID serverId, String customer, CollectionScope scope,
            String timeZone, DateWindow window, CollectionPurpose purpose, Map<String, String> credentials,
            String url, int maxConcurrency) {
        UUID feedId = purpose == CollectionPurpose.SERVER_CHECK ? null : UUID.randomUUID();
        UUID requestId = feedId == null ? DeterministicIds.serverCheck(serverId, Instant.now())
                : DeterministicIds.collectionRequest(feedId, window, purpose);
        return new CollectionRequested(requestId, UUID.randomUUID(), serverId, feedId,
                feedId == null ? null : UUID.randomUUID(), vendor, url, SEALER.seal(serverId, credentials),
                customer, scope, timeZone, purpose == CollectionPurpose.SERVER_CHECK ? null : window, purpose,
                window == null ? LocalDate.of(2026, 2, 15) : window.to(), maxConcurrency, Instant.now(),
                feedId == null ? null : PaperBasis.A4, feedId == null ? null : "Hawthorn Clinic");
    }

    static CollectionRequested nightly(VendorType vendor, String customer, CollectionScope scope, String timeZone,
            DateWindow window) {
        UUID server = UUID.randomUUID();
        return request(vendor, server, customer, scope, timeZone, window, CollectionPurpose.NIGHTLY,
                CREDENTIALS.get(vendor), serverUrl(vendor), 1);
    }

    /** The request as registry sends it for a feed activated on {@code activationDate}. */
    static CollectionRequested activatedOn(LocalDate activationDate, CollectionRequested r) {
        return new CollectionRequested(r.requestId(), r.dealerId(), r.serverId(), r.feedId(), r.accountId(), r.vendor(),
                r.serverUrl(), r.credentials(), r.externalCustomerId(), r.scope(), r.timeZone(), r.window(), r.purpose(),
                r.asOf(), r.maxConcurrency(), r.requestedAt(), r.paperBasis(), r.accountName(), activationDate);
    }

    static void send(CanopyEvent... events) {
        sendWithHeaders(Map.of(), events);
    }

    /** Sends with a W3C {@code traceparent}, as registry's outbox relay does for a traced request. */
    static void sendTraced(String traceparent, CanopyEvent... events) {
        sendWithHeaders(Map.of("traceparent", traceparent), events);
    }

    /**
     * Sends every event under one record key, so they share a partition and are polled together
     * (requests meant to run at the same time, whatever their servers).
     */
    static void sendOnOnePartition(String key, CanopyEvent... events) {
        sendWithHeaders(Map.of(), key, events);
    }

    private static void sendWithHeaders(Map<String, String> extraHeaders, CanopyEvent... events) {
        sendWithHeaders(extraHeaders, null, events);
    }

    private static void sendWithHeaders(Map<String, String> extraHeaders, String key, CanopyEvent... events) {
        try (var producer = TestKafka.producer(bootstrap())) {
            // All at once, then every ack: requests meant to run together arrive together.
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (CanopyEvent event : events) {
                var record = new ProducerRecord<String, byte[]>(Topics.COLLECTION_REQUESTS,
                        key == null ? event.partitionKey() : key, EventJson.write(event));
                CloudEventHeaders.of(event, "/canopy/test", Instant.now()).forEach((k, v) -> record.headers().add(k, v));
                extraHeaders.forEach((k, v) -> record.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                acks.add(producer.send(record));
            }
            for (var ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every record of the topic, read from the beginning, until the predicate holds or the timeout. */
    static List<ConsumerRecord<String, byte[]>> readUntil(String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        return TestKafka.readUntil(bootstrap(), topic, timeout, done);
    }

    /**
     * The events of one request already on the topic: reads every partition up to its end offset
     * as of now. Use it after the request's outcome arrived to prove something was NOT published,
     * since the worker publishes readings before the outcome.
     */
    static List<CanopyEvent> eventsAlreadyIn(String topic, UUID requestId) {
        return TopicContents.read(bootstrap(), topic, Duration.ofSeconds(30)).stream().map(CollectorTestSupport::decode)
                .filter(event -> requestId.equals(requestIdOf(event))).toList();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    static CanopyEvent decode(ConsumerRecord<String, byte[]> record) {
        return EventJson.read(record.value(), header(record, CloudEventHeaders.TYPE));
    }

    /** The events of one request on a topic, in partition order. */
    static List<CanopyEvent> eventsOf(String topic, UUID requestId, Predicate<List<CanopyEvent>> done) {
        List<CanopyEvent> found = new ArrayList<>();
        readUntil(topic, records -> {
            found.clear();
            for (var record : records) {
                CanopyEvent event = decode(record);
                if (requestId.equals(requestIdOf(event))) {
                    found.add(event);
                }
            }
            return done.test(found);
        }, Duration.ofSeconds(60));
        return found;
    }

    static UUID requestIdOf(CanopyEvent event) {
        try {
            return (UUID) event.getClass().getMethod("requestId").invoke(event);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
