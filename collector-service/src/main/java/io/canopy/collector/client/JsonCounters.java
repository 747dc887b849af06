package io.canopy.collector.client;

import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.collector.domain.CounterValue;
import io.canopy.collector.domain.DroppedValues;

/**
 * A counter value from a vendor's JSON body, judged by {@link CounterValue}: this class only turns a
 * Jackson node into the plain value the domain rule takes, so the domain stays free of Jackson.
 */
public final class JsonCounters {

    private JsonCounters() {
    }

    /** @param node the value's node; {@code null}, missing and JSON null all count as absent */
    public static OptionalLong parse(JsonNode node, DroppedValues dropped) {
        return CounterValue.parse(plain(node), dropped);
    }

    /** The node as the plain Java value {@link CounterValue#parse(Object, DroppedValues)} takes. */
    static Object plain(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.asLong() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return node.getNodeType(); // a boolean, an object, an array: the wrong type, whatever it holds
    }
}
