package io.canopy.collector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionCompleted;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionScope;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Lists longer than one vendor page are read to their end (vendor-apis.md paging rules). */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(value = VendorSimulatorResource.class,
        initArgs = @ResourceArg(name = "scenario", value = "src/test/resources/paging.yaml"))
class PagingTest {

    static String url(String vendor, String server) {
        return VendorSimulatorResource.current().serverUrl(vendor, server);
    }

    @Test
    void mpsMonitorCustomerDiscoveryReadsEveryPage() {
        VendorSimulatorResource.current().requestLog().clear();
        List<String> ids = given().header("Authorization", InternalApiTest.TOKEN).contentType(ContentType.JSON)
                .body(Map.of("type", "mps_monitor", "url", url("mps_monitor", "many-customers"), "credentials",
                        Map.of("dealer_token", "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d")))
                .post("/internal/v1/customers").then().statusCode(200).extract().jsonPath()
                .getList("customers.external_id", String.class);
        assertThat(ids).hasSize(1200).doesNotHaveDuplicates();
        assertThat(VendorSimulatorResource.current().requestLog().entries("many-customers"))
                .extracting(e -> e.query()).anyMatch(q -> q.contains("PageNumber=3"));
    }

    @Test
    void mpsMonitorDeviceListsAndPrintTrackerMeterHistoriesReadEveryPage() {
        var world = VendorSimulatorResource.current().world();
        DateWindow window = DateWindow.of(LocalDate.of(2026, 2, 9), LocalDate.of(2026, 2, 14));

        CollectionRequested mps = CollectorTestSupport.request(VendorType.MPS_MONITOR, UUID.randomUUID(),
                world.server("many-devices").orElseThrow().customerAt(0).id(), CollectionScope.ALL, "UTC", window,
                CollectionPurpose.NIGHTLY, Map.of("dealer_token", "8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e"),
                url("mps_monitor", "many-devices"), 1);
        CollectionRequested meters = CollectorTestSupport.request(VendorType.PRINT_TRACKER, UUID.randomUUID(),
                world.server("many-meters").orElseThrow().customerAt(0).id(), CollectionScope.ALL, "UTC", window,
                CollectionPurpose.BACKFILL, Map.of("entity_id", "0123456789abcdef01234567", "api_key",
                        "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"), url("print_tracker", "many-meters"), 1);
        CollectorTestSupport.send(mps, meters);

        // MPS Monitor: current counters, one snapshot per device, 1,100 devices over three pages of 500.
        assertThat(snapshots(mps)).hasSize(1100);
        // Print Tracker: 30 devices x 5 days of history = 150 meter rows over two pages of 100.
        assertThat(snapshots(meters)).hasSize(150);
        assertThat(VendorSimulatorResource.current().requestLog().entries("many-meters"))
                .extracting(e -> e.query()).anyMatch(q -> q.contains("page=2"));
    }

    private static List<MeterSnapshot> snapshots(CollectionRequested request) {
        List<CanopyEvent> events = CollectorTestSupport.eventsOf(Topics.METER_READINGS, request.requestId(),
                e -> e.stream().anyMatch(CollectionCompleted.class::isInstance));
        assertThat(events).last().isInstanceOf(CollectionCompleted.class);
        return events.stream().filter(MeterSnapshot.class::isInstance).map(MeterSnapshot.class::cast).toList();
    }
}
