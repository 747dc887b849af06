package io.canopy.contracts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.VendorType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

class DeterministicIdsTest {

    private static final UUID FEED = UUID.fromString("7a2d9f4b-1e3c-4b5a-9c8d-3e2f1a0b9c03");
    private static final DateWindow WINDOW = DateWindow.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2));

    @Test
    void theSameFactAlwaysGetsTheSameId() {
        assertThat(DeterministicIds.collectionRequest(FEED, WINDOW, CollectionPurpose.NIGHTLY))
                .isEqualTo(DeterministicIds.collectionRequest(FEED, WINDOW, CollectionPurpose.NIGHTLY));
        UUID request = DeterministicIds.collectionRequest(FEED, WINDOW, CollectionPurpose.NIGHTLY);
        assertThat(DeterministicIds.deposit(FEED, WINDOW.from(), request))
                .isEqualTo(DeterministicIds.deposit(FEED, WINDOW.from(), request));
    }

    @Test
    void anyDifferentFieldGivesADifferentId() {
        UUID nightly = DeterministicIds.collectionRequest(FEED, WINDOW, CollectionPurpose.NIGHTLY);
        assertThat(DeterministicIds.collectionRequest(FEED, WINDOW, CollectionPurpose.BACKFILL)).isNotEqualTo(nightly);
        assertThat(DeterministicIds.collectionRequest(FEED,
                DateWindow.of(WINDOW.from(), WINDOW.to().plusDays(1)), CollectionPurpose.NIGHTLY)).isNotEqualTo(nightly);
        assertThat(DeterministicIds.deposit(FEED, WINDOW.from(), nightly))
                .as("kinds are separated").isNotEqualTo(DeterministicIds.usageAggregate(FEED, WINDOW.from(), nightly));
    }

    @Test
    void idsAreVersion8UuidsOfTheIetfVariant() {
        UUID id = DeterministicIds.meterSnapshot(VendorType.MPS_MONITOR, FEED, "dev-1", Instant.parse("2026-03-01T23:00:00Z"));
        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Property
    void fieldBoundariesCannotBeShiftedToCollide(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String a,
            @ForAll @AlphaChars @StringLength(min = 1, max = 8) String b) {
        // "ab" + "c" must not equal "a" + "bc"
        UUID split = DeterministicIds.derived("t", a + b.charAt(0), b.substring(1));
        UUID other = DeterministicIds.derived("t", a, b);
        assertThat(split).isNotEqualTo(other);
    }
}
