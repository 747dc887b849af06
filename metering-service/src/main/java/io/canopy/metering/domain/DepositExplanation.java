package io.canopy.metering.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * How one ledger entry came about, written in the same transaction as the entry and never
 * recomputed afterwards (issue #16 §4): the readings each device's volume came from, the counter
 * steps (reset, rollover) and how a gap was spread, the day's totals and the standard-pages
 * formula on the feed's paper basis, the aggregate vendor's window and totals, and for an
 * adjustment what the ledger held before and what changed. Plain records: the REST API serves
 * them as stored (snake_case).
 *
 * @param timeZone       the account's zone the business days are dates in
 * @param activationDate the feed's activation date when it had one (days before it count nothing)
 * @param devices        every meter device with volume on the day, by vendor, server and id
 * @param aggregate      the aggregate vendor's volumes for the day (aggregate feeds), else null
 * @param computation    the day's totals and the formula that turned them into standard pages
 * @param ledger         what the ledger held for the (feed, day) before this entry and why it moved
 */
public record DepositExplanation(UUID depositId, UUID feedId, UUID accountId, LocalDate serviceDate, String kind,
        long standardPages, long dayTotalPages, UUID requestId, LocalDate asOf, String timeZone, String paperBasis,
        LocalDate activationDate, List<DeviceContribution> devices, AggregateContribution aggregate,
        DayComputation computation, LedgerChange ledger) {

    public DepositExplanation {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /**
     * One stored meter reading as the computation used it.
     *
     * @param timeUtc            the reading time (UTC)
     * @param timeLocal          the same moment in the account's zone (ISO offset date-time)
     * @param businessDay        its date in the account's zone
     * @param counterSource      which vendor counter the values came from, when the collector said
     * @param activationBaseline the device's last reading before the activation day: a baseline, not volume
     */
    public record ReadingUsed(Instant timeUtc, String timeLocal, LocalDate businessDay, long small, long large,
            Long areaHundredthsMm2, String counterSource, boolean activationBaseline) {
    }

    /** A volume on one business day; {@code counted} is false for a share before the activation date. */
    public record DayShare(LocalDate day, long small, long large, long areaHundredthsMm2, boolean counted) {
    }

    /**
     * One device's part of the day.
     *
     * @param from        the closing reading the step starts from (the last reading before the step's first day)
     * @param to          the closing reading of the step's last day
     * @param step        {@code counted} (the counter moved forward), {@code reset} (it went down: a new
     *                    segment counting from zero) or {@code rollover} (it wrapped at a counter width)
     * @param stepDetail  the step in words
     * @param segment     the counter segment the step ends in (1 + resets before it)
     * @param stepVolume  what the whole step printed
     * @param spreadOver  every day the step was spread over (largest remainder) and the share each got;
     *                    a single day when no night was missed
     * @param exactPages  this device's standard pages of the day before the day total is rounded
     */
    public record DeviceContribution(String vendor, UUID serverId, String deviceId, ReadingUsed from, ReadingUsed to,
            String step, String stepDetail, int segment, DayShare stepVolume, List<DayShare> spreadOver, long small,
            long large, long areaHundredthsMm2, BigDecimal exactPages) {
    }

    /**
     * What an aggregate vendor reported for the day.
     *
     * @param windowFrom the vendor window's first day (inclusive)
     * @param windowTo   its end (exclusive)
     */
    public record AggregateContribution(LocalDate windowFrom, LocalDate windowTo, long small, long large,
            long duplexSheets, long pages, String formula) {
    }

    /**
     * The day's totals and the arithmetic.
     *
     * @param small             small-format impressions of devices counted by impressions
     * @param large             large-format impressions of devices counted by impressions
     * @param duplexSheets      duplex sheets (meter vendors report none; aggregate vendors' are in {@code aggregate})
     * @param areaHundredthsMm2 wide-format paper area (such devices count by area, not clicks)
     * @param smallWeight       standard pages per small impression on the paper basis
     * @param largeWeight       standard pages per large impression
     * @param letterSheetAreaM2 the letter sheet area wide-format area is divided by
     * @param meterPages        the devices' day total, rounded half-even once
     * @param aggregatePages    the aggregate vendor's standard pages
     * @param computedPages     meter + aggregate pages: what the ledger must hold for the day
     */
    public record DayComputation(long small, long large, long duplexSheets, long areaHundredthsMm2,
            BigDecimal smallWeight, BigDecimal largeWeight, BigDecimal letterSheetAreaM2, long meterPages,
            long aggregatePages, long computedPages, String formula) {
    }

    /**
     * What the ledger held for the (feed, day) before this entry, and why the computation moved.
     *
     * @param totalBefore    the sum of the day's earlier entries
     * @param entriesBefore  how many there were
     * @param previousDeposit the latest earlier entry of the day, whose explanation {@code changes} compare against
     * @param changes        per device, the volume before and now and the readings added or no longer used
     * @param aggregateBefore the aggregate totals the earlier entry used (aggregate feeds)
     * @param reason         the change in words
     */
    public record LedgerChange(long totalBefore, int entriesBefore, long computedPages, long difference,
            UUID previousDeposit, List<DeviceChange> changes, AggregateContribution aggregateBefore, String reason) {

        public LedgerChange {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    /** One device whose volume on the day differs from the earlier entry's. */
    public record DeviceChange(String vendor, UUID serverId, String deviceId, DayShare before, DayShare now,
            List<Instant> readingsAdded, List<Instant> readingsNoLongerUsed) {

        public DeviceChange {
            readingsAdded = List.copyOf(readingsAdded);
            readingsNoLongerUsed = List.copyOf(readingsNoLongerUsed);
        }
    }
}
