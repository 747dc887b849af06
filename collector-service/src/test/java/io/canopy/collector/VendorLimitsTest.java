package io.canopy.collector;

import static io.canopy.collector.CollectorTestSupport.nightly;
import static io.canopy.collector.CollectorTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionScope;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.canopy.simulator.scenario.FaultSpec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A hostile or broken vendor costs one classified failure and nothing more: each fault of the
 * simulator (gzip bomb, huge body, endless paging, slow drip) is served over HTTP and the collection
 * fails with LIMIT_EXCEEDED or DEADLINE_EXCEEDED and a reason fit for a dealer, while the collector
 * keeps collecting. Test limits (application.properties %test): 50 pages, 3,000 items, 15 s per
 * collection, 8 s per internal check; the body cap is the production default, 32 MiB.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class VendorLimitsTest {

    static final DateWindow ONE_DAY = DateWindow.of(LocalDate.of(2026, 2, 12), LocalDate.of(2026, 2, 13));

    @AfterEach
    void clearFaults() {
        VendorSimulatorResource.current().faults().clear(null);
    }

    static void fault(String server, String type, Integer times, Integer ms, String pathContains, Long bytes) {
        VendorSimulatorResource.current().faults().add(new FaultSpec(server, type, null, times, null, ms, null, null, null,
                pathContains, bytes), VendorSimulatorResource.current().state());
    }

    @Test
    void aGzipBombIsCutAtTheBodyCapCountedAfterDecompression() {
        // 64 MiB of blanks in about 64 KiB on the wire: only the inflated count can stop it.
        fault("greenleaf-mps", "gzip_bomb", 1, null, "/devices", 64L * 1024 * 1024);
        CollectionRequested request = nightly(VendorType.MPS_MONITOR, "EA45CEF3D8EF6D0F", CollectionScope.ALL, "UTC", ONE_DAY);
        send(request);
        CollectionFailed failed = CollectionFaultsTest.failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.LIMIT_EXCEEDED);
        assertThat(failed.reason()).contains("larger than 32 MiB").contains("after decompression");
        collectorStillCollects();
    }

    @Test
    void aHugeChunkedBodyIsCutAtTheBodyCap() {
        fault("copyright-pp", "huge_body", 1, null, "/dealer/printers", 40L * 1024 * 1024);
        CollectionRequested request = nightly(VendorType.PRINTERPOINT, "88001", null, "UTC", ONE_DAY);
        send(request);
        CollectionFailed failed = CollectionFaultsTest.failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.LIMIT_EXCEEDED);
        assertThat(failed.reason()).contains("larger than 32 MiB");
        collectorStillCollects();
    }

    @Test
    void totalRowsThatAlwaysPromiseMoreStopAtThePageCap() {
        fault("greenleaf-mps", "endless_paging", null, null, "/devices", null);
        VendorSimulatorResource.current().requestLog().clear();
        CollectionRequested request = nightly(VendorType.MPS_MONITOR, "1B7D20C4F9A3E605", CollectionScope.ALL, "UTC", ONE_DAY);
        send(request);
        CollectionFailed failed = CollectionFaultsTest.failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.LIMIT_EXCEEDED);
        assertThat(failed.reason()).contains("kept paging past 50 pages");
        assertThat(VendorSimulatorResource.current().requestLog().entries("greenleaf-mps"))
                .filteredOn(e -> e.path().endsWith("/devices")).hasSize(50);
    }

    @Test
    void pagesThatAreAlwaysFullStopAtTheItemCap() {
        fault("greenleaf-pt", "endless_paging", null, null, "/meter", null);
        CollectionRequested request = nightly(VendorType.PRINT_TRACKER, "60a1b2c3d4e5f60718293a4d", CollectionScope.ALL,
                "UTC", ONE_DAY);
        send(request);
        CollectionFailed failed = CollectionFaultsTest.failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.LIMIT_EXCEEDED);
        assertThat(failed.reason()).contains("more than 3000 items");
    }

    @Test
    void aSlowDripThatNeverTripsTheReadTimeoutStopsAtTheCollectionDeadline() {
        // One byte every 500 ms: never 2 s of silence (the read timeout), but minutes for the whole body.
        fault("copyright-onestop", "slow_drip", 1, 500, "/summary", null);
        CollectionRequested request = nightly(VendorType.ONESTOP, "1042", null, "UTC", ONE_DAY);
        send(request);
        CollectionFailed failed = CollectionFaultsTest.failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.DEADLINE_EXCEEDED);
        assertThat(failed.reason()).contains("15 s");
        collectorStillCollects();
    }

    @Test
    void aCredentialCheckAnswersWithinItsOwnShorterDeadline() {
        fault("copyright-pp", "slow_drip", 1, 500, "/dealer/printers", null);
        InternalApiTest.internal().body(InternalApiTest.server(VendorType.PRINTERPOINT,
                CollectorTestSupport.CREDENTIALS.get(VendorType.PRINTERPOINT))).post("/internal/v1/checks")
                .then().statusCode(200).body("ok", equalTo(false)).body("kind", equalTo("DEADLINE_EXCEEDED"))
                .body("reason", containsString("8 s"));
    }

    private static void collectorStillCollects() {
        CollectionRequested after = nightly(VendorType.ONESTOP, "1042", null, "UTC",
                DateWindow.of(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 2, 11)));
        send(after);
        assertThat(CollectionFaultsTest.outcomeOf(after)).isInstanceOf(CollectionSucceeded.class);
    }
}
