package io.canopy.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.context.Scope;

class TraceContextsTest {

    static final String TRACEPARENT = "00-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01";

    @Test
    void aRecordsTraceIsCurrentWhileItIsProcessedAndOnlyThen() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", TRACEPARENT.getBytes(StandardCharsets.US_ASCII));

        assertThat(TraceContexts.currentTraceparent()).isEmpty();
        try (Scope scope = TraceContexts.continueTrace(headers)) {
            assertThat(TraceContexts.currentTraceparent()).contains(TRACEPARENT);
        }
        assertThat(TraceContexts.currentTraceparent()).isEmpty();
    }

    @Test
    void aRecordWithoutTraceOrWithAGarbledOneStartsNothing() {
        RecordHeaders garbled = new RecordHeaders();
        garbled.add("traceparent", "00-not-a-trace".getBytes(StandardCharsets.US_ASCII));
        for (RecordHeaders headers : new RecordHeaders[] { new RecordHeaders(), garbled }) {
            try (Scope scope = TraceContexts.continueTrace(headers)) {
                assertThat(TraceContexts.currentTraceparent()).isEmpty();
            }
        }
    }
}
