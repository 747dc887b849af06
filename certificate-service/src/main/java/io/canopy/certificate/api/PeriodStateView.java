package io.canopy.certificate.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.canopy.certificate.persistence.PeriodRepository.PeriodRow;

/**
 * One account's month as the dealer sees it ({@code GET /v1/certificates/periods}): {@code OPEN}
 * (accepting deposits; {@code close_date} set once its hold ended), {@code HELD} (due, but waiting
 * for the feed named in {@code hold}), {@code CLOSING} (being sealed) or {@code CLOSED}.
 *
 * @param heldSince business day it was first found held (kept after it closes)
 * @param closeDate business date from which it stopped (or will stop) accepting deposits, once fixed
 */
public record PeriodStateView(UUID accountId, String period, String status, HoldView hold, LocalDate heldSince,
        LocalDate closeDate, UUID certificateId, String carriedInto) {

    /** Why a month waits: the feed, the reason ({@code not_collected}, {@code stale}, {@code backfill_pending}) in words. */
    public record HoldView(UUID feedId, String reason, String detail) {
    }

    public record Periods(String period, List<PeriodStateView> data) {
    }

    static PeriodStateView of(PeriodRow row) {
        boolean held = row.status().acceptsDeposits() && row.heldSince() != null && row.closeDate() == null;
        return new PeriodStateView(row.key().accountId(), row.key().period().toString(),
                held ? "HELD" : row.status().name(),
                held ? new HoldView(row.holdFeedId(), row.holdReason() == null ? null : row.holdReason().toLowerCase(),
                        row.holdDetail()) : null,
                row.heldSince(), row.closeDate(), row.certificateId(),
                row.carriedInto() == null ? null : java.time.YearMonth.from(row.carriedInto()).toString());
    }
}
