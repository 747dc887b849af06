package io.canopy.collector.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.collector.domain.DroppedValues;

class JsonCountersTest {

    @Test
    void everyJsonShapeReachesTheDomainRuleAsItsPlainValue() throws Exception {
        JsonNode body = new ObjectMapper().readTree("""
                {"int": 42, "text": "17", "big": 123456789012345678901234567890, "fraction": 1.5,
                 "blank": "", "na": "N/A", "null": null, "bool": true, "object": {"value": 1}, "array": [1]}""");
        DroppedValues dropped = new DroppedValues();
        assertThat(JsonCounters.parse(body.path("int"), dropped)).hasValue(42);
        assertThat(JsonCounters.parse(body.path("text"), dropped)).hasValue(17);
        for (String field : new String[] { "big", "fraction", "blank", "na", "null", "missing", "bool", "object",
                "array" }) {
            assertThat(JsonCounters.parse(body.path(field), dropped)).as(field).isEmpty();
        }
        assertThat(JsonCounters.parse(null, dropped)).isEmpty();
        assertThat(dropped.asMap()).isEqualTo(Map.of("not_an_integer", 2, "blank", 1, "not_a_number", 1,
                "missing", 3, "wrong_type", 3));
    }
}
