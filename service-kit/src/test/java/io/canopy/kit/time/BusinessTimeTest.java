package io.canopy.kit.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.VendorType;

class BusinessTimeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void onlyANightlyOrActivationOutcomeIsNightlyEvidence() {
        assertThat(BusinessTime.nightlyAsOf(succeeded(CollectionPurpose.NIGHTLY))).contains(TODAY.plusDays(1));
        assertThat(BusinessTime.nightlyAsOf(succeeded(CollectionPurpose.ACTIVATION))).contains(TODAY.plusDays(1));
        assertThat(BusinessTime.nightlyAsOf(failed(CollectionPurpose.NIGHTLY))).contains(TODAY.plusDays(1));
        assertThat(BusinessTime.nightlyAsOf(succeeded(CollectionPurpose.MANUAL))).isEmpty();
        assertThat(BusinessTime.nightlyAsOf(succeeded(CollectionPurpose.BACKFILL))).isEmpty();
        assertThat(BusinessTime.nightlyAsOf(failed(CollectionPurpose.MANUAL))).isEmpty();
        assertThat(BusinessTime.nightlyAsOf(deposit(LocalDate.of(2099, 1, 1)))).as("a deposit carries no purpose").isEmpty();
    }

    @Test
    void aNightMovesTodayForwardAndNothingElseDoes() {
        assertThat(BusinessTime.effect(Optional.of(TODAY), TODAY.plusDays(1), true)).isEqualTo(BusinessTime.Effect.ADVANCES);
        assertThat(BusinessTime.effect(Optional.empty(), TODAY, true)).isEqualTo(BusinessTime.Effect.ADVANCES);
        assertThat(BusinessTime.effect(Optional.of(TODAY), TODAY.plusYears(70), false))
                .isEqualTo(BusinessTime.Effect.BEYOND_TODAY);
        assertThat(BusinessTime.effect(Optional.empty(), TODAY, false)).isEqualTo(BusinessTime.Effect.BEYOND_TODAY);
        assertThat(BusinessTime.effect(Optional.of(TODAY), TODAY, false)).isEqualTo(BusinessTime.Effect.WITHIN);
        assertThat(BusinessTime.effect(Optional.of(TODAY), TODAY.minusDays(5), true)).as("never back")
                .isEqualTo(BusinessTime.Effect.WITHIN);
    }

    private static CollectionSucceeded succeeded(CollectionPurpose purpose) {
        DateWindow window = DateWindow.day(TODAY);
        return new CollectionSucceeded(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), VendorType.MPS_MONITOR, window, purpose, TODAY.plusDays(1), 1, 0, 1, null, null, 0, Map.of(),
                Instant.EPOCH, "UTC");
    }

    private static CollectionFailed failed(CollectionPurpose purpose) {
        DateWindow window = DateWindow.day(TODAY);
        return new CollectionFailed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), VendorType.MPS_MONITOR, window, purpose, TODAY.plusDays(1), FailureKind.VENDOR_ERROR, "x",
                null, 1, Instant.EPOCH, "UTC");
    }

    private static DepositRecorded deposit(LocalDate asOf) {
        return new DepositRecorded(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), TODAY, 10, 10,
                DepositKind.REGULAR, UUID.randomUUID(), asOf, Instant.EPOCH);
    }
}
