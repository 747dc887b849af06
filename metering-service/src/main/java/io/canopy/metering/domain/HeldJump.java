package io.canopy.metering.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A counter step too large to be real printing (a swapped board that came with a used counter, a
 * misread digit): it is not deposited, the device continues from the new value, and operators
 * review it. Reported, never silently turned into pages.
 *
 * @param fromDay      the last business day before the step (its closing reading is the base)
 * @param toDay        the business day of the reading that jumped
 * @param impressions  what the step would have deposited
 * @param limit        what the rules allowed for that many days
 * @param afterReset   the counter also went down (a reset onto an already-high counter)
 */
public record HeldJump(Instant fromTime, Instant toTime, LocalDate fromDay, LocalDate toDay, long impressions,
        long limit, boolean afterReset) {
}
