package io.canopy.collector.client.printtracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.collector.client.VendorResponse;
import io.canopy.collector.domain.DroppedValues;

/** Print Tracker's meter reads (shared/vendor-apis.md §3), from the body's bytes, without HTTP. */
class PrintTrackerParsingTest {

    static final String PATH = "/v1/entity/5f0c0ffee0c0ffee0c0ffee0/meter";

    final DroppedValues dropped = new DroppedValues();
    final Map<String, String> sourceByDevice = new HashMap<>();

    private List<PrintTrackerAdapter.PtRead> read(String body) {
        List<PrintTrackerAdapter.PtRead> reads = new ArrayList<>();
        for (JsonNode read : new VendorResponse(200, body, PATH, h -> null).json()) {
            PrintTrackerAdapter.PtRead.parse(read, sourceByDevice, dropped).ifPresent(reads::add);
        }
        return reads;
    }

    @Test
    void counterValuesAreStringsAndTheLifeTotalIsPreferred() {
        List<PrintTrackerAdapter.PtRead> reads = read("""
                [{"id": "r1", "deviceKey": "d1", "timestamp": "2026-02-03T05:00:00Z",
                  "pageCounts": {"life": {"total": {"displayName": "Total", "value": "12345"}},
                                 "default": {"total": {"value": "999"}}}},
                 {"id": "r2", "deviceKey": "d2", "timestamp": "2026-02-03T06:00:00Z",
                  "pageCounts": {"equiv": {"total": {"value": "77"}}}}]""");

        assertThat(reads).containsExactly(
                new PrintTrackerAdapter.PtRead("d1", Instant.parse("2026-02-03T05:00:00Z"), 12345, "pageCounts.life"),
                new PrintTrackerAdapter.PtRead("d2", Instant.parse("2026-02-03T06:00:00Z"), 77, "pageCounts.equiv"));
    }

    @Test
    void aDeviceKeepsTheSourceItStartedWithSoSwitchingSourcesCannotJump() {
        List<PrintTrackerAdapter.PtRead> reads = read("""
                [{"deviceKey": "d1", "timestamp": "2026-02-03T05:00:00Z",
                  "pageCounts": {"default": {"total": {"value": "100"}}}},
                 {"deviceKey": "d1", "timestamp": "2026-02-03T07:00:00Z",
                  "pageCounts": {"life": {"total": {"value": "90000"}}, "default": {"total": {"value": "110"}}}}]""");

        assertThat(reads).extracting(PrintTrackerAdapter.PtRead::total).containsExactly(100L, 110L);
        assertThat(reads).extracting(PrintTrackerAdapter.PtRead::source).containsOnly("pageCounts.default");
    }

    @Test
    void blankAbsentAndBrokenReadsAreDroppedWithTheirReason() {
        List<PrintTrackerAdapter.PtRead> reads = read("""
                [{"deviceKey": "blank", "timestamp": "2026-02-03T05:00:00Z", "pageCounts": {"life": {"total": {"value": ""}}}},
                 {"deviceKey": "none", "timestamp": "2026-02-03T05:00:00Z", "pageCounts": {}},
                 {"deviceKey": "", "timestamp": "2026-02-03T05:00:00Z", "pageCounts": {"life": {"total": {"value": "1"}}}},
                 {"deviceKey": "when", "timestamp": "", "pageCounts": {"life": {"total": {"value": "1"}}}}]""");

        assertThat(reads).isEmpty();
        assertThat(dropped.asMap()).isEqualTo(Map.of("blank", 1, "missing", 1, "device_without_id", 1,
                "bad_timestamp", 1));
    }
}
