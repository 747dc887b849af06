package io.canopy.collector.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.FailureKind;

class PageBudgetTest {

    @Test
    void theLastAllowedPageIsReadAndTheOneAfterIsNeverAskedFor() {
        PageBudget budget = new PageBudget(2, 1000);
        budget.read(10, "/devices");
        assertThatNoException().isThrownBy(() -> budget.next("/devices"));
        budget.read(10, "/devices");
        assertThatThrownBy(() -> budget.next("/devices")).isInstanceOfSatisfying(VendorFailure.class,
                f -> org.assertj.core.api.Assertions.assertThat(f.kind()).isEqualTo(FailureKind.LIMIT_EXCEEDED));
    }

    @Test
    void itemsAreCountedAcrossPagesAndLists() {
        PageBudget budget = new PageBudget(100, 15);
        budget.read(10, "/device");
        assertThatThrownBy(() -> budget.read(10, "/meter")).isInstanceOf(VendorFailure.class)
                .hasMessageContaining("more than 15 items");
    }
}
