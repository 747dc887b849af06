package io.canopy.collector.client.mpsmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.canopy.collector.client.VendorResponse;
import io.canopy.collector.domain.DeviceReading;
import io.canopy.collector.domain.DroppedValues;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.events.FailureKind;

/** MPS Monitor's device page (shared/vendor-apis.md §1) to readings, from the body's bytes, without HTTP. */
class MpsMonitorParsingTest {

    static final String PATH = MpsMonitorAdapter.API + "/customers/EA45CEF3D8EF6D0F/devices";

    final DroppedValues dropped = new DroppedValues();
    final List<DeviceReading> readings = new ArrayList<>();

    /** What the adapter does with one page: stream the devices out of the envelope, keep what parses. */
    private void read(int status, String body) {
        VendorResponse response = new VendorResponse(status, body, PATH, header -> null);
        MpsMonitorAdapter.envelope(response, response.ok() ? response.json(MpsMonitorAdapter.DEVICES,
                device -> MpsMonitorAdapter.MpsDevice.parse(device, dropped).ifPresent(d -> readings.add(d.toReading())))
                : null);
    }

    @Test
    void devicesBecomeSmallAndLargeLifetimeCountersWithEverythingElseDropped() {
        read(200, """
                {"IsValid": true, "Errors": [], "TotalRows": 2, "Result": {"CustomerCode": "EA45CEF3D8EF6D0F",
                  "TimeZoneIana": "Europe/Rome", "Devices": [
                   {"Id": "dev-1", "SerialNumber": "SN1", "Brand": "Acme", "IsManaged": true,
                    "LastUpdate": "2026-02-03T01:02:03Z",
                    "Counter": {"Received": 1, "Mono": 1500, "Color": 500, "MonoA3": 100, "ColorA3": 50, "Fax": 9}},
                   {"Id": "dev-2", "IsManaged": false, "LastUpdate": "2026-02-03T04:00:00Z",
                    "Counter": {"Mono": "200", "Color": 0, "MonoA3": 0, "ColorA3": 0}}]}}""");

        assertThat(readings).containsExactly(
                new DeviceReading("dev-1", true, Instant.parse("2026-02-03T01:02:03Z"), 1850, 150, null, "Counter"),
                new DeviceReading("dev-2", false, Instant.parse("2026-02-03T04:00:00Z"), 200, 0, null, "Counter"));
        assertThat(dropped.total()).isZero();
    }

    @Test
    void aBrokenDeviceIsDroppedWithItsReasonAndTheOthersKept() {
        read(200, """
                {"IsValid": true, "TotalRows": 5, "Result": {"Devices": [
                   {"Id": "", "LastUpdate": "2026-02-03T01:00:00Z", "Counter": {"Mono": 1, "Color": 0, "MonoA3": 0, "ColorA3": 0}},
                   {"Id": "late", "LastUpdate": "yesterday", "Counter": {"Mono": 1, "Color": 0, "MonoA3": 0, "ColorA3": 0}},
                   {"Id": "na", "LastUpdate": "2026-02-03T01:00:00Z", "Counter": {"Mono": "N/A", "Color": 0, "MonoA3": 0, "ColorA3": 0}},
                   {"Id": "odd", "LastUpdate": "2026-02-03T01:00:00Z", "Counter": {"Mono": 10, "Color": 0, "MonoA3": 30, "ColorA3": 0}},
                   {"Id": "ok", "LastUpdate": "2026-02-03T01:00:00Z", "Counter": {"Mono": 10, "Color": 5, "MonoA3": 0, "ColorA3": 0}}]}}""");

        assertThat(readings).extracting(DeviceReading::deviceId).containsExactly("ok");
        assertThat(dropped.asMap()).isEqualTo(Map.of("device_without_id", 1, "bad_timestamp", 1, "not_a_number", 1,
                "inconsistent_counters", 1));
    }

    @Test
    void aTwoHundredWithIsValidFalseIsAClassifiedFailure() {
        assertThatThrownBy(() -> read(200, """
                {"IsValid": false, "Errors": [{"Code": "InvalidDealerToken", "Description": "no"}], "TotalRows": 0}"""))
                .isInstanceOfSatisfying(VendorFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.AUTH_REJECTED));
        assertThatThrownBy(() -> read(200, """
                {"IsValid": false, "Errors": [{"Code": "Busy"}]}"""))
                .isInstanceOfSatisfying(VendorFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.VENDOR_ERROR));
    }

    @Test
    void aBodyWithoutTheEnvelopeOrNotJsonIsARejectedPayload() {
        assertThatThrownBy(() -> read(200, "{\"Result\": {\"Devices\": []}}"))
                .isInstanceOfSatisfying(VendorFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.REJECTED_PAYLOAD));
        assertThatThrownBy(() -> read(200, "{\"IsValid\": true, \"Result\": {\"Devices\": [{\"Id\":"))
                .isInstanceOfSatisfying(VendorFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.REJECTED_PAYLOAD));
    }

    @Test
    void customerNotFoundIsNotFound() {
        assertThatThrownBy(() -> read(404, "{\"IsValid\": false, \"Errors\": [{\"Code\": \"CustomerNotFound\"}]}"))
                .isInstanceOfSatisfying(VendorFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.NOT_FOUND));
    }
}
