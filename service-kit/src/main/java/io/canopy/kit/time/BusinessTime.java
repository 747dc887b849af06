package io.canopy.kit.time;

import java.time.LocalDate;
import java.util.Optional;

import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionSucceeded;

/**
 * The one definition of a dealer's business "today" (DESIGN.md rule 12), pure Java: the latest
 * {@code as_of} of a <b>nightly run</b> seen for that dealer. Nothing a dealer supplies can move it.
 *
 * <p><b>Nightly evidence</b> is a collection outcome ({@code CollectionSucceeded} or
 * {@code CollectionFailed}) whose purpose is {@code nightly} or {@code activation}: registry's night
 * (scheduler or {@code POST /admin/v1/collection-runs}) is the only producer of those purposes for a
 * night, and the first night of a feed is requested as {@code activation}. Outcomes carry both the
 * purpose and the {@code as_of}, whether the collection worked or not, so a night moves business time
 * even when every vendor failed. Everything else — {@code DepositRecorded} (it carries no purpose),
 * manual and backfill outcomes (registry stamps them with business today), server checks, health
 * events — only ever <em>reads</em> business time: an {@code as_of} beyond today is counted and
 * logged by {@link DealerBusinessTime}, and today stays where it is.
 */
public final class BusinessTime {

    /** What one event does to its dealer's business today. */
    public enum Effect {
        /** Nightly evidence beyond today: today moves to its as_of. */
        ADVANCES,
        /** On or before today (nightly or not): nothing to move. */
        WITHIN,
        /** Not nightly and beyond today (or no today yet): today stays; counted and logged. */
        BEYOND_TODAY
    }

    private BusinessTime() {
    }

    /** The night's {@code as_of} when the event is nightly evidence. */
    public static Optional<LocalDate> nightlyAsOf(CanopyEvent event) {
        if (event instanceof CollectionSucceeded s && isNight(s.purpose())) {
            return Optional.of(s.asOf());
        }
        if (event instanceof CollectionFailed f && isNight(f.purpose())) {
            return Optional.of(f.asOf());
        }
        return Optional.empty();
    }

    /** Purposes a night is requested with (registry's run); a dealer's manual run is never one of them. */
    public static boolean isNight(CollectionPurpose purpose) {
        return purpose == CollectionPurpose.NIGHTLY || purpose == CollectionPurpose.ACTIVATION;
    }

    /**
     * @param today   the dealer's business today, empty before its first night
     * @param asOf    the event's business date
     * @param nightly whether the event is nightly evidence
     */
    public static Effect effect(Optional<LocalDate> today, LocalDate asOf, boolean nightly) {
        boolean beyond = today.map(asOf::isAfter).orElse(true);
        if (!beyond) {
            return Effect.WITHIN;
        }
        return nightly ? Effect.ADVANCES : Effect.BEYOND_TODAY;
    }
}
