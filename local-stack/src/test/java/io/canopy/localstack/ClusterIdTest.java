package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.canopy.localstack.kafka.KafkaBrokerMain;

class ClusterIdTest {

    /** 1 in 64 random ids starts with '-'; 10,000 draws would meet ~156 of them without the guard. */
    @Test
    void clusterIdsNeverLookLikeACommandLineOption() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = KafkaBrokerMain.clusterId();
            assertThat(id).hasSize(22).doesNotStartWith("-").matches("[A-Za-z0-9_-]+");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
