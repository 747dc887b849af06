package io.canopy.collector.client.printerpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.collector.client.VendorResponse;
import io.canopy.collector.domain.DeviceReading;
import io.canopy.collector.domain.DroppedValues;

/** Printerpoint's printer list (shared/vendor-apis.md §4) to readings, from the body's bytes, without HTTP. */
class PrinterpointParsingTest {

    final DroppedValues dropped = new DroppedValues();

    private List<DeviceReading> read(String body) {
        List<DeviceReading> readings = new ArrayList<>();
        for (JsonNode printer : new VendorResponse(200, body, PrinterpointAdapter.PRINTERS, h -> null).json()) {
            PrinterpointAdapter.Printer.parse(printer, dropped).ifPresent(p -> readings.add(p.toReading()));
        }
        return readings;
    }

    @Test
    void metersByNameBecomeSmallLargeAndAreaWithIdentityFromAssetAndSerial() {
        List<DeviceReading> readings = read("""
                [{"printerId": 1, "customerCompanyId": "c1", "customerCompanyName": "Acme", "serialNumber": "SN1",
                  "assetId": "A1", "make": "Acme", "lastSeen": "2026-02-03T03:00:00Z", "meters": [
                   {"name": "Pages Monochrome Total", "unit": "clicks", "value": 5000},
                   {"name": "Pages Color Total", "unit": "clicks", "value": 1000},
                   {"name": "Pages Monochrome Tabloid", "unit": "clicks", "value": 300},
                   {"name": "Pages Color Tabloid", "unit": "clicks", "value": 200},
                   {"name": "Paper Area Total", "unit": "hundredths_mm2", "value": 9000000000}]},
                 {"customerCompanyId": "c1", "serialNumber": "SN2", "assetId": "", "lastSeen": "2026-02-03T03:30:00Z",
                  "meters": [{"name": "Pages Monochrome Total", "value": 40},
                             {"name": "Pages Color Total", "value": 2}]}]""");

        assertThat(readings).containsExactly(
                new DeviceReading("A1/SN1", true, Instant.parse("2026-02-03T03:00:00Z"), 5500, 500, 9_000_000_000L,
                        "meters"),
                new DeviceReading("/SN2", true, Instant.parse("2026-02-03T03:30:00Z"), 42, 0, null, "meters"));
        assertThat(dropped.total()).isZero();
    }

    @Test
    void garbageMetersAndPrintersWithoutIdentityAreDropped() {
        List<DeviceReading> readings = read("""
                [{"serialNumber": "", "assetId": "", "lastSeen": "2026-02-03T03:00:00Z", "meters": []},
                 {"serialNumber": "S", "lastSeen": "2026-02-03T03:00:00Z",
                  "meters": [{"name": "Pages Monochrome Total", "value": -4}, {"name": "Pages Color Total", "value": 1}]},
                 {"serialNumber": "T", "lastSeen": "2026-02-03T03:00:00Z",
                  "meters": [{"name": "Pages Monochrome Total", "value": 10}, {"name": "Pages Color Total", "value": 0},
                             {"name": "Pages Monochrome Tabloid", "value": "N/A"}]}]""");

        assertThat(readings).extracting(DeviceReading::deviceId, DeviceReading::smallCount, DeviceReading::largeCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/T", 10L, 0L));
        assertThat(dropped.asMap()).isEqualTo(Map.of("device_without_id", 1, "negative", 1, "not_a_number", 1));
    }
}
