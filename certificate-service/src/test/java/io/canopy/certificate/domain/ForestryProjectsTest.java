package io.canopy.certificate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class ForestryProjectsTest {

    private static final List<String> PROJECTS = List.of("Madagascar mangroves", "Atlantic Forest", "Sierra Nevada");

    @Test
    void roundRobinTakesTheProjectsInTurn() {
        var projects = new ForestryProjects(PROJECTS, ProjectChoice.ROUND_ROBIN, Map.of());
        UUID dealer = UUID.randomUUID();
        assertThat(LongStream.range(0, 4).mapToObj(i -> projects.choose(dealer, i)).toList())
                .containsExactly("Madagascar mangroves", "Atlantic Forest", "Sierra Nevada", "Madagascar mangroves");
    }

    @Test
    void perDealerUsesTheDealersConfiguredProject() {
        UUID dealer = UUID.randomUUID();
        var projects = new ForestryProjects(PROJECTS, ProjectChoice.PER_DEALER, Map.of(dealer, "Sierra Nevada"));
        assertThat(projects.choose(dealer, 0)).isEqualTo("Sierra Nevada");
        assertThat(projects.choose(dealer, 1)).isEqualTo("Sierra Nevada");
    }

    @Test
    void perDealerWithoutConfigurationIsAStablePickFromTheList() {
        var projects = new ForestryProjects(PROJECTS, ProjectChoice.PER_DEALER, Map.of());
        var again = new ForestryProjects(PROJECTS, ProjectChoice.PER_DEALER, Map.of());
        for (int i = 0; i < 20; i++) {
            UUID dealer = UUID.randomUUID();
            assertThat(projects.choose(dealer, i)).isIn(PROJECTS).isEqualTo(again.choose(dealer, 0));
        }
    }

    @Test
    void anEmptyListIsAConfigurationError() {
        assertThatThrownBy(() -> new ForestryProjects(List.of(), ProjectChoice.ROUND_ROBIN, Map.of()))
                .hasMessageContaining("forestry-projects");
    }
}
