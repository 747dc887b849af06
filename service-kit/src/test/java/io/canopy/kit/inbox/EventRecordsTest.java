package io.canopy.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.EventJson;

class EventRecordsTest {

    private final DepositRecorded deposit = new DepositRecorded(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID(), LocalDate.of(2026, 2, 12), 120, 120, DepositKind.REGULAR, UUID.randomUUID(),
            LocalDate.of(2026, 2, 13), Instant.parse("2026-02-13T02:00:00Z"));

    @Test
    void aCompleteEventDecodes() {
        assertThat(EventRecords.decode(record(EventJson.write(deposit)))).isEqualTo(deposit);
    }

    @Test
    void aReadableEventWithoutARequiredFieldIsUndecodableAndSaysWhichField() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(deposit));
        json.remove("asOf");
        assertThatThrownBy(() -> EventRecords.decode(record(EventJson.mapper().writeValueAsBytes(json))))
                .isInstanceOf(UndecodableRecord.class).hasMessageContaining("'asOf'").hasMessageContaining("canopy.deposits.v1-0@7");
    }

    @Test
    void anOptionalFieldMayBeAbsent() {
        assertThat(deposit.accountName()).isNull();
        assertThat(((DepositRecorded) EventRecords.decode(record(EventJson.write(deposit)))).accountName()).isNull();
    }

    private ConsumerRecord<String, byte[]> record(byte[] body) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("canopy.deposits.v1", 0, 7, "k", body);
        CloudEventHeaders.of(deposit, "/test", Instant.now()).forEach((k, v) -> record.headers().add(k, v));
        return record;
    }
}
