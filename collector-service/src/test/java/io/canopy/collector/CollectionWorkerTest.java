package io.canopy.collector;

import static io.canopy.collector.CollectorTestSupport.decode;
import static io.canopy.collector.CollectorTestSupport.eventsOf;
import static io.canopy.collector.CollectorTestSupport.header;
import static io.canopy.collector.CollectorTestSupport.nightly;
import static io.canopy.collector.CollectorTestSupport.readUntil;
import static io.canopy.collector.CollectorTestSupport.requestIdOf;
import static io.canopy.collector.CollectorTestSupport.send;
import static io.canopy.collector.CollectorTestSupport.sendTraced;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionCompleted;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionScope;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.UsageAggregate;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Happy paths per vendor through the real broker and the simulator over HTTP: what the collector
 * publishes matches what the simulator's ground truth says for the window.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class CollectionWorkerTest {

    static final DateWindow FEB_10_TO_12 = DateWindow.of(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 2, 12));
    static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void clearFaults() {
        VendorSimulatorResource.current().faults().clear(null);
    }

    @Test
    void oneStopDayAggregatesMatchTheTruthAndCompletedComesLast() {
        CollectionRequested request = nightly(VendorType.ONESTOP, "1042", null, "Europe/London", FEB_10_TO_12);
        send(request);
        List<CanopyEvent> readings = eventsOf(Topics.METER_READINGS, request.requestId(),
                events -> events.stream().anyMatch(CollectionCompleted.class::isInstance));
        assertThat(readings).hasSize(3);
        assertThat(readings.get(2)).isInstanceOf(CollectionCompleted.class);
        // what metering needs from the request travels on the completion: zone, paper basis, account name
        CollectionCompleted completed = (CollectionCompleted) readings.get(2);
        assertThat(completed.timeZone()).isEqualTo("Europe/London");
        assertThat(completed.paperBasis()).isEqualTo(request.paperBasis()).isNotNull();
        assertThat(completed.accountName()).isEqualTo("Hawthorn Clinic");
        for (int i = 0; i < 2; i++) {
            UsageAggregate day = (UsageAggregate) readings.get(i);
            JsonNode truth = truth("copyright-onestop", "1042", day.serviceDate(), null);
            assertThat(day.smallPages()).isEqualTo(truth.path("small").asLong());
            assertThat(day.largePages()).isEqualTo(truth.path("large").asLong());
            assertThat(day.duplexSheets()).isEqualTo(truth.path("duplex").asLong());
            assertThat(day.feedId()).isEqualTo(request.feedId());
        }
        CollectionSucceeded outcome = outcome(request);
        assertThat(outcome.aggregates()).isEqualTo(2);
        assertThat(outcome.nonEmptyDays()).isEqualTo(2);
    }

    @Test
    void everyRecordOfACollectionContinuesTheTraceOfItsRequest() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String requestSpan = "b7ad6b7169203331";
        CollectionRequested request = nightly(VendorType.ONESTOP, "1042", null, "UTC", FEB_10_TO_12);
        sendTraced("00-" + traceId + "-" + requestSpan + "-00", request);

        List<ConsumerRecord<String, byte[]>> readings = readUntil(Topics.METER_READINGS,
                records -> recordsOf(records, request).stream().anyMatch(r -> decode(r) instanceof CollectionCompleted),
                Duration.ofSeconds(60));
        List<ConsumerRecord<String, byte[]>> outcomes = readUntil(Topics.COLLECTION_OUTCOMES,
                records -> !recordsOf(records, request).isEmpty(), Duration.ofSeconds(60));
        List<ConsumerRecord<String, byte[]>> published = new java.util.ArrayList<>(recordsOf(readings, request));
        published.addAll(recordsOf(outcomes, request));

        assertThat(published).hasSize(4); // two day aggregates, the completion, the outcome
        assertThat(published).allSatisfy(record -> assertThat(header(record, "traceparent"))
                .as("traceparent of " + header(record, "ce_type")).startsWith("00-" + traceId + "-")
                .doesNotContain(requestSpan));
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(List<ConsumerRecord<String, byte[]>> records,
            CollectionRequested request) {
        return records.stream().filter(r -> request.requestId().equals(requestIdOf(decode(r)))).toList();
    }

    @Test
    void printanistaUsesTheAllDevicesReportWhenGrantedElseManagedOnly() {
        CollectionRequested all = nightly(VendorType.PRINTANISTA, "456", CollectionScope.ALL, "UTC", FEB_10_TO_12);
        CollectionRequested managed = nightly(VendorType.PRINTANISTA, "456", CollectionScope.MANAGED_ONLY, "UTC", FEB_10_TO_12);
        CollectionRequested onlyManagedGranted = nightly(VendorType.PRINTANISTA, "457", CollectionScope.ALL, "UTC",
                FEB_10_TO_12);
        send(all, managed, onlyManagedGranted);
        assertAggregatesMatch(all, "greenleaf-eci", "456", null);
        assertAggregatesMatch(managed, "greenleaf-eci", "456", "managed_only");
        assertAggregatesMatch(onlyManagedGranted, "greenleaf-eci", "457", "managed_only");
        assertThat(outcome(all).newestDataDate()).isEqualTo(LocalDate.of(2026, 2, 14));
    }

    @Test
    void mpsMonitorPublishesCurrentCountersWithScopeApplied() {
        DateWindow night = DateWindow.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 15));
        CollectionRequested all = nightly(VendorType.MPS_MONITOR, "EA45CEF3D8EF6D0F", CollectionScope.ALL, "Europe/London", night);
        CollectionRequested managed = nightly(VendorType.MPS_MONITOR, "EA45CEF3D8EF6D0F", CollectionScope.MANAGED_ONLY,
                "Europe/London", night);
        send(all, managed);
        List<MeterSnapshot> allSnapshots = snapshots(all);
        assertThat(allSnapshots).hasSize(11);
        assertThat(snapshots(managed)).hasSize(9).allMatch(MeterSnapshot::managed);
        MeterSnapshot first = allSnapshots.get(0);
        assertThat(first.readingTime()).hasToString("2026-02-14T23:00:00Z");
        assertThat(first.smallCount()).isPositive();
        assertThat(outcome(all).newestReadingTime()).hasToString("2026-02-14T23:00:00Z");
    }

    @Test
    void printTrackerHistoryDeltasEqualTheTruth() {
        CollectionRequested request = nightly(VendorType.PRINT_TRACKER, "60a1b2c3d4e5f60718293a4b", CollectionScope.ALL,
                "America/Denver", FEB_10_TO_12);
        send(request);
        List<MeterSnapshot> reads = snapshots(request);
        assertThat(reads).hasSize(20);
        Map<String, Long> byDevice = new HashMap<>();
        long delta = 0;
        for (MeterSnapshot s : reads.stream().sorted(java.util.Comparator.comparing(MeterSnapshot::readingTime)).toList()) {
            Long before = byDevice.put(s.deviceId(), s.smallCount());
            if (before != null) {
                delta += s.smallCount() - before;
            }
            assertThat(s.counterSource()).isEqualTo("pageCounts.life");
        }
        assertThat(delta).isEqualTo(truth("greenleaf-pt", "60a1b2c3d4e5f60718293a4b", LocalDate.of(2026, 2, 11), null)
                .path("standard_pages").asLong());
    }

    /**
     * Issue #16 §1: the activation day's pages count. A Print Tracker window that starts at the
     * feed's activation date also brings each device's last read before the activation day (looked
     * back for, bounded), so the deltas from it cover the activation day itself; a later window
     * looks back for nothing. The activation date travels on to metering on CollectionCompleted.
     */
    @Test
    void printTrackerWindowAtTheActivationDateAlsoPublishesEachDevicesLastReadBeforeIt() {
        LocalDate activation = FEB_10_TO_12.from();
        java.time.ZoneId denver = java.time.ZoneId.of("America/Denver");
        java.time.Instant activationStarts = activation.atStartOfDay(denver).toInstant();
        CollectionRequested request = CollectorTestSupport.activatedOn(activation, nightly(VendorType.PRINT_TRACKER,
                "60a1b2c3d4e5f60718293a4b", CollectionScope.ALL, "America/Denver", FEB_10_TO_12));
        CollectionRequested later = CollectorTestSupport.activatedOn(activation.minusDays(5),
                nightly(VendorType.PRINT_TRACKER, "60a1b2c3d4e5f60718293a4b", CollectionScope.ALL, "America/Denver",
                        FEB_10_TO_12));
        send(request, later);

        List<MeterSnapshot> reads = snapshots(request);
        List<MeterSnapshot> baselines = reads.stream().filter(s -> s.readingTime().isBefore(activationStarts)).toList();
        assertThat(baselines).as("one read per device before the activation day, the last one: 23:00 the day before")
                .hasSize(10).extracting(MeterSnapshot::deviceId).doesNotHaveDuplicates();
        assertThat(baselines).allSatisfy(s -> {
            assertThat(s.readingTime()).isEqualTo(activation.minusDays(1).atTime(23, 0).atZone(denver).toInstant());
            assertThat(s.counterSource()).isEqualTo("pageCounts.life");
        });
        assertThat(reads).hasSize(30);
        long delta = 0;
        Map<String, Long> byDevice = new HashMap<>();
        for (MeterSnapshot s : reads.stream().sorted(java.util.Comparator.comparing(MeterSnapshot::readingTime)).toList()) {
            Long before = byDevice.put(s.deviceId(), s.smallCount());
            if (before != null) {
                delta += s.smallCount() - before;
            }
        }
        long truth = truth("greenleaf-pt", "60a1b2c3d4e5f60718293a4b", activation, null).path("standard_pages").asLong()
                + truth("greenleaf-pt", "60a1b2c3d4e5f60718293a4b", activation.plusDays(1), null).path("standard_pages")
                        .asLong();
        assertThat(delta).as("the activation day and the next, from the baseline on").isEqualTo(truth);
        CollectionCompleted completed = eventsOf(Topics.METER_READINGS, request.requestId(),
                events -> events.stream().anyMatch(CollectionCompleted.class::isInstance)).stream()
                .filter(CollectionCompleted.class::isInstance).map(CollectionCompleted.class::cast).findFirst().orElseThrow();
        assertThat(completed.activationDate()).as("forwarded to metering").isEqualTo(activation);
        assertThat(outcome(request).newestReadingTime()).isAfter(activationStarts);

        assertThat(snapshots(later)).as("a window after the activation date looks back for nothing").hasSize(20)
                .allMatch(s -> !s.readingTime().isBefore(activationStarts));
    }

    /** Current-counter vendors read as before on the activation night; the activation date reaches metering. */
    @Test
    void mpsMonitorBaselineReadOnTheActivationNightCarriesTheActivationDate() {
        LocalDate activation = LocalDate.of(2026, 2, 15);
        CollectionRequested request = CollectorTestSupport.activatedOn(activation, nightly(VendorType.MPS_MONITOR,
                "EA45CEF3D8EF6D0F", CollectionScope.ALL, "Europe/London", DateWindow.of(activation.minusDays(1), activation)));
        send(request);
        assertThat(snapshots(request)).hasSize(11)
                .allSatisfy(s -> assertThat(s.readingTime()).hasToString("2026-02-14T23:00:00Z"));
        CollectionCompleted completed = eventsOf(Topics.METER_READINGS, request.requestId(),
                events -> events.stream().anyMatch(CollectionCompleted.class::isInstance)).stream()
                .filter(CollectionCompleted.class::isInstance).map(CollectionCompleted.class::cast).findFirst().orElseThrow();
        assertThat(completed.activationDate()).isEqualTo(activation);
    }

    @Test
    void printerpointReadsEveryPrinterAndDropsAGarbageValueWithAReason() {
        DateWindow night = DateWindow.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 15));
        CollectionRequested request = nightly(VendorType.PRINTERPOINT, "88003", null, "Europe/London", night);
        send(request);
        List<MeterSnapshot> reads = snapshots(request);
        assertThat(reads).hasSize(10);
        assertThat(reads.get(0).deviceId()).contains("/");
        assertThat(outcome(request).droppedValues()).containsEntry("not_a_number", 1);
        assertThat(outcome(request).devices()).isEqualTo(11);
    }

    @Test
    void aNegativeCounterIsDroppedAndTheRestStillFlows() {
        DateWindow night = DateWindow.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 15));
        CollectionRequested request = nightly(VendorType.MPS_MONITOR, "42D1A0B3C5E7F901", CollectionScope.ALL, "UTC", night);
        send(request);
        assertThat(snapshots(request)).hasSize(11);
        assertThat(outcome(request).droppedValues()).containsEntry("negative", 1);
    }

    @Test
    void theSameRequestTwiceYieldsTheSameIds() {
        CollectionRequested request = nightly(VendorType.ONESTOP, "1044", null, "Europe/Dublin", FEB_10_TO_12);
        send(request);
        List<CanopyEvent> first = eventsOf(Topics.METER_READINGS, request.requestId(),
                events -> events.stream().anyMatch(CollectionCompleted.class::isInstance));
        send(request);
        List<CanopyEvent> both = eventsOf(Topics.METER_READINGS, request.requestId(),
                events -> events.stream().filter(CollectionCompleted.class::isInstance).count() == 2);
        assertThat(both).hasSize(first.size() * 2);
        assertThat(both.subList(first.size(), both.size())).extracting(CanopyEvent::eventId)
                .containsExactlyElementsOf(first.stream().map(CanopyEvent::eventId).toList());
    }

    // ------------------------------------------------------------------ helpers

    private void assertAggregatesMatch(CollectionRequested request, String server, String customer, String scope) {
        List<CanopyEvent> readings = eventsOf(Topics.METER_READINGS, request.requestId(),
                events -> events.stream().anyMatch(CollectionCompleted.class::isInstance));
        List<UsageAggregate> days = readings.stream().filter(UsageAggregate.class::isInstance).map(UsageAggregate.class::cast)
                .toList();
        assertThat(days).hasSize(2);
        for (UsageAggregate day : days) {
            JsonNode truth = truth(server, customer, day.serviceDate(), scope);
            assertThat(day.smallPages()).as("%s %s %s", customer, scope, day.serviceDate()).isEqualTo(truth.path("small").asLong());
            assertThat(day.largePages()).isEqualTo(truth.path("large").asLong());
            assertThat(day.duplexSheets()).isEqualTo(truth.path("duplex").asLong());
        }
    }

    static List<MeterSnapshot> snapshots(CollectionRequested request) {
        return eventsOf(Topics.METER_READINGS, request.requestId(),
                events -> events.stream().anyMatch(CollectionCompleted.class::isInstance)).stream()
                .filter(MeterSnapshot.class::isInstance).map(MeterSnapshot.class::cast).toList();
    }

    static CollectionSucceeded outcome(CollectionRequested request) {
        List<CanopyEvent> outcomes = eventsOf(Topics.COLLECTION_OUTCOMES, request.requestId(), events -> !events.isEmpty());
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).isInstanceOf(CollectionSucceeded.class);
        return (CollectionSucceeded) outcomes.get(0);
    }

    static JsonNode truth(String server, String customer, LocalDate day, String scope) {
        try {
            String url = VendorSimulatorResource.current().baseUrl() + "/_sim/truth?server=" + server + "&customer=" + customer
                    + "&from=" + day + "&to=" + day.plusDays(1) + (scope == null ? "" : "&scope=" + scope);
            try (var in = java.net.URI.create(url).toURL().openStream()) {
                return JSON.readTree(in).path("days").get(0);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
