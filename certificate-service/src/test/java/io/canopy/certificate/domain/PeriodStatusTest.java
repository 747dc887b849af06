package io.canopy.certificate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeriodStatusTest {

    @Test
    void aPeriodGoesOpenClosingClosedAndNoFurther() {
        assertThat(PeriodStatus.OPEN.next()).isEqualTo(PeriodStatus.CLOSING);
        assertThat(PeriodStatus.CLOSING.next()).isEqualTo(PeriodStatus.CLOSED);
        assertThatThrownBy(PeriodStatus.CLOSED::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAnOpenPeriodAcceptsDeposits() {
        assertThat(PeriodStatus.OPEN.acceptsDeposits()).isTrue();
        assertThat(PeriodStatus.CLOSING.acceptsDeposits()).isFalse();
        assertThat(PeriodStatus.CLOSED.acceptsDeposits()).isFalse();
    }
}
