package io.canopy.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicIsVersionedAndUnderTheCanopyPrefix() {
        assertThat(Topics.ALL).hasSize(7).doesNotHaveDuplicates()
                .allSatisfy(topic -> assertThat(topic).matches("canopy\\.[a-z.]+\\.v\\d+"));
    }
}
