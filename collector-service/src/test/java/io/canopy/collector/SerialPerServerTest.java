package io.canopy.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.canopy.simulator.api.RequestLog;
import io.canopy.simulator.scenario.FaultSpec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * DESIGN.md rule 8, read off the simulator's request log: a server with max_concurrency 1 never
 * sees two of our calls at once, while two servers are collected at the same time.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class SerialPerServerTest {

    static final DateWindow TWO_DAYS = DateWindow.of(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 2, 12));

    @AfterEach
    void clearFaults() {
        VendorSimulatorResource.current().faults().clear(null);
    }

    static void slow(String server) {
        VendorSimulatorResource.current().faults().add(
                new FaultSpec(server, "latency", null, null, null, 120, null, null, null, null),
                VendorSimulatorResource.current().state());
    }

    @Test
    void oneServerSeesOneCallAtATimeWhileTwoServersOverlap() {
        slow("copyright-onestop");
        slow("copyright-pp");
        VendorSimulatorResource.current().requestLog().clear();
        UUID oneStop = UUID.randomUUID();
        UUID printerpoint = UUID.randomUUID();
        List<CollectionRequested> requests = new ArrayList<>();
        for (String customer : List.of("1042", "1043", "1044")) {
            requests.add(CollectorTestSupport.request(VendorType.ONESTOP, oneStop, customer, null, "UTC", TWO_DAYS,
                    CollectionPurpose.NIGHTLY, CollectorTestSupport.CREDENTIALS.get(VendorType.ONESTOP),
                    CollectorTestSupport.serverUrl(VendorType.ONESTOP), 1));
        }
        for (String customer : List.of("88001", "88002", "88003")) {
            requests.add(CollectorTestSupport.request(VendorType.PRINTERPOINT, printerpoint, customer, null, "UTC",
                    TWO_DAYS, CollectionPurpose.NIGHTLY, CollectorTestSupport.CREDENTIALS.get(VendorType.PRINTERPOINT),
                    CollectorTestSupport.serverUrl(VendorType.PRINTERPOINT), 1));
        }
        CollectorTestSupport.send(requests.toArray(CollectionRequested[]::new));
        for (CollectionRequested request : requests) {
            assertThat(CollectorTestSupport.eventsOf(Topics.COLLECTION_OUTCOMES, request.requestId(), e -> !e.isEmpty()))
                    .singleElement().isInstanceOf(CollectionSucceeded.class);
        }

        List<RequestLog.Entry> oneStopCalls = calls("copyright-onestop");
        List<RequestLog.Entry> printerpointCalls = calls("copyright-pp");
        assertThat(oneStopCalls).hasSizeGreaterThanOrEqualTo(6);
        assertThat(printerpointCalls).hasSizeGreaterThanOrEqualTo(3);
        assertThat(overlaps(oneStopCalls)).as("concurrent calls to one server").isZero();
        assertThat(overlaps(printerpointCalls)).as("concurrent calls to one server").isZero();
        long across = oneStopCalls.stream().filter(a -> printerpointCalls.stream().anyMatch(b -> overlap(a, b))).count();
        assertThat(across).as("calls to the two servers in flight at the same time").isPositive();
    }

    /**
     * Many dealers' servers live on one vendor host (Print Tracker's API is one host for everyone; here
     * the simulator's one port): 24 servers, each its own lane and dealer, are all called at once, more
     * than the old per-host pool of 20 connections let through. The limit is the server's lane.
     */
    @Test
    void serversSharingOneVendorHostAreCollectedTogether() {
        // One collection first, so the consumer is assigned and warm before the 24 arrive together.
        CollectionRequested first = CollectorTestSupport.nightly(VendorType.PRINTERPOINT, "88001", null, "UTC", TWO_DAYS);
        CollectorTestSupport.send(first);
        assertThat(CollectorTestSupport.eventsOf(Topics.COLLECTION_OUTCOMES, first.requestId(), e -> !e.isEmpty()))
                .singleElement().isInstanceOf(CollectionSucceeded.class);
        VendorSimulatorResource.current().faults().add(
                new FaultSpec("copyright-pp", "latency", null, null, null, 1500, null, null, null, null),
                VendorSimulatorResource.current().state());
        VendorSimulatorResource.current().requestLog().clear();
        List<CollectionRequested> requests = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            requests.add(CollectorTestSupport.request(VendorType.PRINTERPOINT, UUID.randomUUID(), "88001", null, "UTC",
                    TWO_DAYS, CollectionPurpose.NIGHTLY, CollectorTestSupport.CREDENTIALS.get(VendorType.PRINTERPOINT),
                    CollectorTestSupport.serverUrl(VendorType.PRINTERPOINT), 1));
        }
        // One partition: polled together, so they are all running within the 1.5 s a call takes.
        CollectorTestSupport.sendOnOnePartition("one-vendor-host", requests.toArray(CollectionRequested[]::new));
        for (CollectionRequested request : requests) {
            assertThat(CollectorTestSupport.eventsOf(Topics.COLLECTION_OUTCOMES, request.requestId(), e -> !e.isEmpty()))
                    .singleElement().isInstanceOf(CollectionSucceeded.class);
        }
        assertThat(DealerFairnessTest.mostAtOnce(calls("copyright-pp"))).as("calls to one host in flight at once")
                .isGreaterThan(20);
    }

    private static List<RequestLog.Entry> calls(String server) {
        return VendorSimulatorResource.current().requestLog().entries(server).stream()
                .sorted(Comparator.comparingLong(RequestLog.Entry::startNanos)).toList();
    }

    private static int overlaps(List<RequestLog.Entry> sorted) {
        int count = 0;
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).startNanos() < sorted.get(i - 1).endNanos()) {
                count++;
            }
        }
        return count;
    }

    private static boolean overlap(RequestLog.Entry a, RequestLog.Entry b) {
        return a.startNanos() < b.endNanos() && b.startNanos() < a.endNanos();
    }
}
