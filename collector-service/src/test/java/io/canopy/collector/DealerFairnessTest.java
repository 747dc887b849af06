package io.canopy.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
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
 * One dealer's many slow servers never run more than its share at once (test profile: 2 per dealer),
 * while another dealer's collection runs beside them. Each of the first dealer's requests names its
 * own server id, so serial-per-server lanes alone would let all of them run together.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class DealerFairnessTest {

    static final DateWindow ONE_DAY = DateWindow.of(LocalDate.of(2026, 2, 12), LocalDate.of(2026, 2, 13));

    @AfterEach
    void clearFaults() {
        VendorSimulatorResource.current().faults().clear(null);
    }

    static CollectionRequested forDealer(UUID dealer, CollectionRequested r) {
        return new CollectionRequested(r.requestId(), dealer, r.serverId(), r.feedId(), r.accountId(), r.vendor(),
                r.serverUrl(), r.credentials(), r.externalCustomerId(), r.scope(), r.timeZone(), r.window(), r.purpose(),
                r.asOf(), r.maxConcurrency(), r.requestedAt(), r.paperBasis(), r.accountName(), r.activationDate());
    }

    @Test
    void aDealersSlowServersRunAtMostItsShareAtOnceWhileAnotherDealerIsServed() {
        VendorSimulatorResource.current().faults().add(new FaultSpec("copyright-pp", "latency", null, null, null, 800, null,
                null, null, null), VendorSimulatorResource.current().state());
        VendorSimulatorResource.current().requestLog().clear();
        UUID busy = UUID.randomUUID();
        List<CollectionRequested> requests = new ArrayList<>();
        for (String customer : List.of("88001", "88002", "88003", "88001", "88002", "88003")) {
            requests.add(forDealer(busy, CollectorTestSupport.request(VendorType.PRINTERPOINT, UUID.randomUUID(), customer,
                    null, "UTC", ONE_DAY, CollectionPurpose.NIGHTLY, CollectorTestSupport.CREDENTIALS.get(VendorType.PRINTERPOINT),
                    CollectorTestSupport.serverUrl(VendorType.PRINTERPOINT), 1)));
        }
        CollectionRequested other = CollectorTestSupport.nightly(VendorType.ONESTOP, "1042", null, "UTC", ONE_DAY);
        requests.add(other);
        CollectorTestSupport.send(requests.toArray(CollectionRequested[]::new));
        for (CollectionRequested request : requests) {
            assertThat(CollectorTestSupport.eventsOf(Topics.COLLECTION_OUTCOMES, request.requestId(), e -> !e.isEmpty()))
                    .singleElement().isInstanceOf(CollectionSucceeded.class);
        }
        List<RequestLog.Entry> calls = VendorSimulatorResource.current().requestLog().entries("copyright-pp");
        // At least once: a request redelivered after a rebalance (a starved CPU can delay the consumer's
        // heartbeat) is collected again; what this test is about is how many run at once.
        assertThat(calls).hasSizeGreaterThanOrEqualTo(6);
        assertThat(mostAtOnce(calls)).as("the busy dealer's collections in flight at once").isLessThanOrEqualTo(2);
    }

    /** The largest number of calls whose [start, end] intervals overlap at one moment. */
    static int mostAtOnce(List<RequestLog.Entry> calls) {
        int most = 0;
        for (RequestLog.Entry at : calls) {
            int together = 0;
            for (RequestLog.Entry other : calls) {
                if (other.startNanos() <= at.startNanos() && at.startNanos() < other.endNanos()) {
                    together++;
                }
            }
            most = Math.max(most, together);
        }
        return most;
    }
}
