package io.canopy.contracts.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.SampleEvents;

class CloudEventHeadersTest {

    private final CanopyEvent deposit = SampleEvents.all().stream().filter(DepositRecorded.class::isInstance)
            .findFirst().orElseThrow();

    @Test
    void binaryModeHeadersCarryTheDeterministicIdAndTheType() {
        Map<String, byte[]> headers = CloudEventHeaders.of(deposit, "/canopy/metering-service",
                Instant.parse("2026-03-05T02:00:01Z"));
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.ID)).contains(deposit.eventId().toString());
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.TYPE)).contains("io.canopy.DepositRecorded.v1");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.SOURCE)).contains("/canopy/metering-service");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.TIME)).contains("2026-03-05T02:00:01Z");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.DEALER)).contains(deposit.dealerId().toString());
        CloudEventHeaders.requireAttributes(headers);
    }

    @Test
    void theTypeHeaderSelectsTheRecordToDecode() {
        Map<String, byte[]> headers = CloudEventHeaders.of(deposit, "/canopy/metering-service", Instant.now());
        String type = CloudEventHeaders.read(headers, CloudEventHeaders.TYPE).orElseThrow();
        assertThat(EventJson.read(EventJson.write(deposit), type)).isEqualTo(deposit);
        assertThatThrownBy(() -> EventJson.read(EventJson.write(deposit), "io.canopy.Nope.v1"))
                .isInstanceOf(EventJson.MalformedEventException.class).hasMessageContaining("unknown ce_type");
    }

    @Test
    void aRecordWithoutTheRequiredAttributesIsNotACanopyEvent() {
        Map<String, byte[]> headers = new HashMap<>(CloudEventHeaders.of(deposit, "/x", Instant.now()));
        headers.remove(CloudEventHeaders.ID);
        assertThatThrownBy(() -> CloudEventHeaders.requireAttributes(headers)).hasMessageContaining("ce_id");
        headers.put(CloudEventHeaders.ID, "x".getBytes());
        headers.put(CloudEventHeaders.SPEC_VERSION, "0.3".getBytes());
        assertThatThrownBy(() -> CloudEventHeaders.requireAttributes(headers)).hasMessageContaining("specversion");
    }

    @Test
    void sealedCredentialsNeverPrintTheirCiphertext() {
        var sealed = new io.canopy.contracts.events.SealedCredentials("k1", "AES-256-GCM", "c2VjcmV0");
        assertThat(sealed.toString()).doesNotContain("c2VjcmV0").contains("redacted");
    }
}
