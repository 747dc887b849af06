package io.canopy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionCompleted;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionScope;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.contracts.sealing.CredentialSealer;
import io.canopy.localstack.testing.TestKafka;

/**
 * collector-service killed with SIGKILL in the middle of a request: the request's offset was not
 * committed, so the restarted collector redoes it, and the redo publishes exactly the records a
 * clean run publishes (same deterministic ids), so the partial first attempt is harmless.
 */
class CollectorCrashRedoTest {

    @Test
    void aCollectorKilledMidRequestRedoesItWithTheSameIds() throws Exception {
        Suite suite = SharedSuite.get();
        Api simulator = new Api(suite.simulatorUrl(), null);
        simulator.post("/_sim/faults", Map.of("server", "greenleaf-pt", "type", "latency", "ms", 2000));
        try {
            UUID serverId = UUID.randomUUID();
            UUID feedId = UUID.randomUUID();
            DateWindow window = DateWindow.of(LocalDate.of(2026, 2, 6), LocalDate.of(2026, 2, 14));
            CredentialSealer sealer = new CredentialSealer(Map.of("k1", suite.secret("sealing-key-k1")), "k1");
            // The simulated server's credentials as the simulator lists them (its scenario is the one place they are).
            Map<String, String> credentials = new SimulatorControl(suite.simulatorUrl()).servers().stream()
                    .filter(s -> s.name().equals("greenleaf-pt")).findFirst().orElseThrow().credentials();
            CollectionRequested request = new CollectionRequested(
                    DeterministicIds.collectionRequest(feedId, window, CollectionPurpose.BACKFILL), UUID.randomUUID(),
                    serverId, feedId, UUID.randomUUID(), VendorType.PRINT_TRACKER,
                    suite.simulatorUrl() + "/print_tracker/greenleaf-pt", sealer.seal(serverId, credentials),
                    "60a1b2c3d4e5f60718293a4d", CollectionScope.ALL, "UTC", window, CollectionPurpose.BACKFILL,
                    window.to(), 1, Instant.now());
            TopicReader topics = new TopicReader(suite.kafkaBootstrapServers());

            simulator.send("DELETE", "/_sim/requests", null, -1);
            send(suite, request);
            // Kill it while it is talking to the vendor: its first call answered (each takes 2 s), the
            // second in flight, nothing published yet.
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (simulator.get("/_sim/requests?server=greenleaf-pt").path("requests").size() < 1) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the collector never called the vendor; simulator log: "
                            + simulator.get("/_sim/requests").path("requests").size() + " entries; outcomes: "
                            + topics.readAll(Topics.COLLECTION_OUTCOMES) + "; readings: "
                            + topics.readAll(Topics.METER_READINGS).size() + "; requests: "
                            + topics.readAll(Topics.COLLECTION_REQUESTS).size());
                }
                TopicReader.sleep(50);
            }
            suite.crash("collector-service");
            Set<UUID> beforeCrash = new HashSet<>(ids(snapshotsOf(topics.readAll(Topics.METER_READINGS),
                    request.requestId())));
            boolean completedBeforeCrash = topics.readAll(Topics.METER_READINGS).stream()
                    .anyMatch(e -> e instanceof CollectionCompleted c && c.requestId().equals(request.requestId()));
            assertThat(completedBeforeCrash).as("the crash must hit the request in the middle").isFalse();

            suite.restart("collector-service");
            topics.awaitAll(Topics.COLLECTION_OUTCOMES, events -> events.stream()
                    .anyMatch(e -> e instanceof CollectionSucceeded s && s.requestId().equals(request.requestId())),
                    Duration.ofMinutes(3));

            // The same request once more, undisturbed: the reference.
            send(suite, request);
            List<List<MeterSnapshot>> runs = topics.awaitAll(Topics.METER_READINGS,
                    events -> runsOf(events, request.requestId()).size() == 2, Duration.ofMinutes(3)).stream()
                    .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                            events -> runsOf(events, request.requestId())));
            Set<UUID> redone = new HashSet<>(ids(runs.get(0)));
            Set<UUID> clean = new HashSet<>(ids(runs.get(1)));
            assertThat(clean).isNotEmpty();
            assertThat(redone).as("the redo after the crash publishes what a clean run publishes").isEqualTo(clean);
            assertThat(clean).as("the partial attempt published nothing a clean run would not").containsAll(beforeCrash);
        } finally {
            simulator.send("DELETE", "/_sim/faults?server=greenleaf-pt", null, -1);
        }
    }

    /** The request's snapshots split by its CollectionCompleted markers: one list per finished run. */
    static List<List<MeterSnapshot>> runsOf(List<CanopyEvent> events, UUID requestId) {
        List<List<MeterSnapshot>> runs = new ArrayList<>();
        List<MeterSnapshot> current = new ArrayList<>();
        for (CanopyEvent event : events) {
            if (event instanceof MeterSnapshot s && s.requestId().equals(requestId)) {
                current.add(s);
            } else if (event instanceof CollectionCompleted c && c.requestId().equals(requestId)) {
                runs.add(current);
                current = new ArrayList<>();
            }
        }
        return runs;
    }

    static List<MeterSnapshot> snapshotsOf(List<CanopyEvent> events, UUID requestId) {
        return events.stream().filter(e -> e instanceof MeterSnapshot s && s.requestId().equals(requestId))
                .map(MeterSnapshot.class::cast).toList();
    }

    static List<UUID> ids(List<MeterSnapshot> snapshots) {
        return snapshots.stream().map(MeterSnapshot::snapshotId).toList();
    }

    static void send(Suite suite, CollectionRequested request) throws Exception {
        try (var producer = TestKafka.producer(suite.kafkaBootstrapServers())) {
            var record = new ProducerRecord<String, byte[]>(Topics.COLLECTION_REQUESTS, request.partitionKey(),
                    EventJson.write(request));
            CloudEventHeaders.of(request, "/canopy/e2e-test", Instant.now())
                    .forEach((name, value) -> record.headers().add(name, value));
            producer.send(record).get();
        }
        assertThat(new String(EventJson.write(request), StandardCharsets.UTF_8)).doesNotContain("0d6e2f1a");
    }
}
