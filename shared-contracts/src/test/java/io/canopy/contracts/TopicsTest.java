package io.canopy.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicIsVersionedAndUnderTheCanopyPrefix() {
        assertThat(Topics.ALL).hasSize(7).doesNotHaveDuplicates()
                .allSatisfy(topic -> assertThat(topic).matches("canopy\\.[a-z.]+\\.v\\d+"));
    }

    @Test
    void everyConsumedTopicHasItsDeadLetterTopicNamedAfterIt() {
        assertThat(Topics.ALL).containsAll(Topics.CONSUMED);
        assertThat(Topics.DEAD_LETTERS).hasSameSizeAs(Topics.CONSUMED).doesNotContainAnyElementsOf(Topics.ALL)
                .contains("canopy.deposits.v1.dead-letter.v1", "canopy.meter.readings.v1.dead-letter.v1");
    }
}
