package io.canopy.metering.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.arithmetic.StandardPages;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.metering.domain.DepositExplanation.AggregateContribution;
import io.canopy.metering.domain.DepositExplanation.DayComputation;
import io.canopy.metering.domain.DepositExplanation.DayShare;
import io.canopy.metering.domain.DepositExplanation.DeviceChange;
import io.canopy.metering.domain.DepositExplanation.DeviceContribution;
import io.canopy.metering.domain.DepositExplanation.LedgerChange;
import io.canopy.metering.domain.DepositExplanation.ReadingUsed;

/**
 * Builds the {@link DepositExplanation} of an entry from the very values the deposit was computed
 * from (the devices' volumes of the day, their counter steps, the aggregate, the ledger), so the
 * stored explanation adds up to the entry by construction.
 */
public final class Explanations {

    private Explanations() {
    }

    /** Everything about the (feed, day) the entry was computed from. */
    public record DayFacts(FeedContext feed, Map<DeviceKey, Volume> deviceVolumes, Optional<AggregateVolume> aggregate,
            LedgerDay ledgerBefore, Optional<DepositExplanation> previous) {
    }

    /**
     * @param stepsOf the counted steps of a device as computed in this transaction
     */
    public static DepositExplanation explain(DepositRecorded entry, DayFacts facts,
            Function<DeviceKey, List<DeviceStep>> stepsOf) {
        FeedContext feed = facts.feed();
        LocalDate day = entry.serviceDate();
        List<DeviceContribution> devices = new ArrayList<>();
        facts.deviceVolumes().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<DeviceKey, Volume> e) -> e.getKey().vendor().name())
                        .thenComparing(e -> e.getKey().serverId()).thenComparing(e -> e.getKey().deviceId()))
                .forEach(e -> devices.add(device(feed, day, e.getKey(), e.getValue(), stepsOf.apply(e.getKey()))));
        AggregateContribution aggregate = facts.aggregate().map(a -> aggregate(day, a, feed.basis())).orElse(null);
        DayComputation computation = computation(devices, aggregate, feed.basis());
        if (computation.computedPages() != entry.dayTotalPages()) {
            throw new IllegalStateException("the explanation of deposit " + entry.depositId() + " adds up to "
                    + computation.computedPages() + " pages, the entry to " + entry.dayTotalPages());
        }
        LedgerChange ledger = ledger(facts, devices, aggregate, computation);
        return new DepositExplanation(entry.depositId(), entry.feedId(), entry.accountId(), day,
                entry.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), entry.standardPages(),
                entry.dayTotalPages(), entry.requestId(), entry.asOf(), feed.zone().getId(), feed.basis().name(),
                feed.activationDate(), devices, aggregate, computation, ledger);
    }

    private static DeviceContribution device(FeedContext feed, LocalDate day, DeviceKey key, Volume volume,
            List<DeviceStep> steps) {
        BigDecimal exact = volume.exactStandardPages(feed.basis());
        Optional<DeviceStep> found = steps.stream().filter(s -> s.covers(day)).findFirst();
        if (found.isEmpty()) {
            // Not expected: every volume comes from a step. Say so rather than invent one.
            return new DeviceContribution(key.vendor().name(), key.serverId(), key.deviceId(), null, null, "unknown",
                    "no counter step of this device covers the day in its readings", 0, null, List.of(),
                    volume.small(), volume.large(), volume.areaHundredthsMm2(), exact);
        }
        DeviceStep step = found.get();
        boolean baseline = feed.activationDate() != null && step.fromDay().isBefore(feed.activationDate());
        List<DayShare> spread = step.shares().stream().map(s -> share(s.day(), s.volume(), s.counted())).toList();
        return new DeviceContribution(key.vendor().name(), key.serverId(), key.deviceId(),
                reading(step.from(), step.fromDay(), feed.zone(), baseline),
                reading(step.to(), step.toDay(), feed.zone(), false), step.kind().name().toLowerCase(Locale.ROOT),
                stepDetail(step, baseline, feed.activationDate()), step.segment(),
                share(step.toDay(), step.volume(), true), spread, volume.small(), volume.large(),
                volume.areaHundredthsMm2(), exact);
    }

    private static String stepDetail(DeviceStep step, boolean baseline, LocalDate activation) {
        Counters from = step.from().counters();
        Counters to = step.to().counters();
        long days = step.shares().size();
        StringBuilder text = new StringBuilder();
        switch (step.kind()) {
            case COUNTED -> text.append("the counter moved forward from ").append(from.impressions()).append(" to ")
                    .append(to.impressions()).append(" impressions");
            case ROLLOVER -> text.append("the counter wrapped at ").append(step.rolloverModulus()).append(": from ")
                    .append(from.impressions()).append(" past the counter width to ").append(to.impressions())
                    .append(" impressions, counted as the wrapped difference");
            case RESET -> text.append("the counter went down from ").append(from.impressions()).append(" to ")
                    .append(to.impressions()).append(" impressions: a reset, segment ").append(step.segment())
                    .append(" counts from zero, so everything it shows is new");
        }
        if (days > 1) {
            text.append("; ").append(days).append(" days had no reading of their own, so the step is spread over them"
                    + " in whole pages (largest remainder)");
        }
        if (baseline) {
            text.append("; the step starts at the device's last reading before the activation date ").append(activation)
                    .append(" (its baseline), and only shares from that date on count");
        }
        return text.toString();
    }

    private static ReadingUsed reading(CounterReading reading, LocalDate businessDay, ZoneId zone, boolean baseline) {
        Instant time = reading.time();
        return new ReadingUsed(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(zone)), businessDay,
                reading.counters().small(), reading.counters().large(), reading.counters().area(), reading.source(),
                baseline);
    }

    private static DayShare share(LocalDate day, Volume volume, boolean counted) {
        return new DayShare(day, volume.small(), volume.large(), volume.areaHundredthsMm2(), counted);
    }

    private static AggregateContribution aggregate(LocalDate day, AggregateVolume a, PaperBasis basis) {
        long pages = StandardPages.of(a.small(), a.large(), a.duplexSheets(), basis);
        String formula = basis == PaperBasis.LETTER
                ? a.small() + " small + 2 × " + a.large() + " large − " + a.duplexSheets() + " duplex sheets = " + pages
                : "round half-even(" + basis.smallWeight().toPlainString() + " × " + a.small() + " small + "
                        + basis.largeWeight().toPlainString() + " × " + a.large() + " large − "
                        + basis.smallWeight().toPlainString() + " × " + a.duplexSheets() + " duplex sheets) = " + pages;
        return new AggregateContribution(day, day.plusDays(1), a.small(), a.large(), a.duplexSheets(), pages, formula);
    }

    private static DayComputation computation(List<DeviceContribution> devices, AggregateContribution aggregate,
            PaperBasis basis) {
        long small = 0;
        long large = 0;
        long area = 0;
        BigDecimal areaPages = BigDecimal.ZERO;
        BigDecimal exact = BigDecimal.ZERO;
        for (DeviceContribution d : devices) {
            exact = exact.add(d.exactPages());
            if (d.areaHundredthsMm2() > 0) {
                area += d.areaHundredthsMm2(); // a wide-format device counts by paper area, not by its clicks
                areaPages = areaPages.add(d.exactPages());
            } else {
                small += d.small();
                large += d.large();
            }
        }
        long meterPages = StandardPages.roundDayTotal(exact);
        long aggregatePages = aggregate == null ? 0 : aggregate.pages();
        StringBuilder formula = new StringBuilder();
        if (!devices.isEmpty()) {
            String sum = basis.smallWeight().toPlainString() + " × " + small + " small + "
                    + basis.largeWeight().toPlainString() + " × " + large + " large";
            if (area > 0) {
                sum += " + " + areaPages.toPlainString() + " letter sheets of wide-format paper (" + area
                        + " hundredths of mm² ÷ " + StandardPages.LETTER_SHEET_AREA_M2.toPlainString()
                        + " m² per letter sheet, per device)";
            }
            formula.append("meters (").append(basis.name()).append(" basis, no duplex): round half-even(").append(sum)
                    .append(" = ").append(exact.stripTrailingZeros().toPlainString()).append(") = ").append(meterPages);
        }
        if (aggregate != null) {
            formula.append(formula.isEmpty() ? "" : "; ").append("aggregate (").append(basis.name()).append(" basis): ")
                    .append(aggregate.formula());
        }
        formula.append(formula.isEmpty() ? "" : "; ").append("day total = ").append(meterPages).append(" + ")
                .append(aggregatePages).append(" = ").append(meterPages + aggregatePages).append(" standard pages");
        return new DayComputation(small, large, 0, area, basis.smallWeight(), basis.largeWeight(),
                StandardPages.LETTER_SHEET_AREA_M2, meterPages, aggregatePages, meterPages + aggregatePages,
                formula.toString());
    }

    private record DeviceId(String vendor, java.util.UUID serverId, String deviceId) {
        static DeviceId of(DeviceContribution d) {
            return new DeviceId(d.vendor(), d.serverId(), d.deviceId());
        }
    }

    private static LedgerChange ledger(DayFacts facts, List<DeviceContribution> devices, AggregateContribution aggregate,
            DayComputation computation) {
        LedgerDay before = facts.ledgerBefore();
        long difference = computation.computedPages() - before.totalPages();
        if (before.entries() == 0) {
            return new LedgerChange(0, 0, computation.computedPages(), difference, null, List.of(), null,
                    "the day's first entry: nothing was deposited for it before");
        }
        if (facts.previous().isEmpty()) {
            return new LedgerChange(before.totalPages(), before.entries(), computation.computedPages(), difference, null,
                    List.of(), null, "the ledger held " + before.totalPages() + " pages for the day, recorded before"
                            + " explanations were kept; the readings now give " + computation.computedPages());
        }
        DepositExplanation previous = facts.previous().get();
        Map<DeviceId, DeviceContribution> was = new HashMap<>();
        previous.devices().forEach(d -> was.put(DeviceId.of(d), d));
        Map<DeviceId, DeviceContribution> now = new HashMap<>();
        devices.forEach(d -> now.put(DeviceId.of(d), d));
        Set<DeviceId> all = new LinkedHashSet<>(was.keySet());
        all.addAll(now.keySet());
        List<DeviceChange> changes = new ArrayList<>();
        for (DeviceId id : all.stream().sorted(Comparator.comparing(DeviceId::vendor)
                .thenComparing(DeviceId::serverId).thenComparing(DeviceId::deviceId)).toList()) {
            DeviceContribution a = was.get(id);
            DeviceContribution b = now.get(id);
            DayShare volumeBefore = volumeOf(a, previous.serviceDate());
            DayShare volumeNow = volumeOf(b, previous.serviceDate());
            if (volumeBefore.equals(volumeNow)) {
                continue;
            }
            Set<Instant> readsBefore = readingTimes(a);
            Set<Instant> readsNow = readingTimes(b);
            changes.add(new DeviceChange(id.vendor(), id.serverId(), id.deviceId(), volumeBefore, volumeNow,
                    readsNow.stream().filter(t -> !readsBefore.contains(t)).sorted().toList(),
                    readsBefore.stream().filter(t -> !readsNow.contains(t)).sorted().toList()));
        }
        AggregateContribution aggregateBefore = previous.aggregate();
        List<String> reasons = new ArrayList<>();
        for (DeviceChange change : changes) {
            String text = "device " + change.deviceId() + ": " + (change.before().small() + change.before().large())
                    + " → " + (change.now().small() + change.now().large()) + " impressions";
            if (change.before().areaHundredthsMm2() != change.now().areaHundredthsMm2()) {
                text += ", area " + change.before().areaHundredthsMm2() + " → " + change.now().areaHundredthsMm2()
                        + " hundredths of mm²";
            }
            if (!change.readingsAdded().isEmpty()) {
                text += " (readings added since: " + join(change.readingsAdded()) + ")";
            }
            if (!change.readingsNoLongerUsed().isEmpty()) {
                text += " (readings no longer used: " + join(change.readingsNoLongerUsed()) + ")";
            }
            reasons.add(text);
        }
        if (!Objects.equals(totals(aggregateBefore), totals(aggregate))) {
            reasons.add("the aggregate vendor's totals for the day changed: " + describe(aggregateBefore) + " → "
                    + describe(aggregate));
        }
        if (!previous.paperBasis().equals(facts.feed().basis().name())) {
            reasons.add("the feed's paper basis changed: " + previous.paperBasis() + " → " + facts.feed().basis());
        }
        if (!Objects.equals(previous.activationDate(), facts.feed().activationDate())) {
            reasons.add("the feed's activation date changed: " + previous.activationDate() + " → "
                    + facts.feed().activationDate());
        }
        if (reasons.isEmpty()) {
            reasons.add("the day's computation changed");
        }
        return new LedgerChange(before.totalPages(), before.entries(), computation.computedPages(), difference,
                previous.depositId(), changes, aggregateBefore, "the ledger held " + before.totalPages()
                        + " pages for the day; the readings now give " + computation.computedPages() + ": "
                        + String.join("; ", reasons));
    }

    private static DayShare volumeOf(DeviceContribution device, LocalDate day) {
        return device == null ? new DayShare(day, 0, 0, 0, true)
                : new DayShare(day, device.small(), device.large(), device.areaHundredthsMm2(), true);
    }

    private static Set<Instant> readingTimes(DeviceContribution device) {
        Set<Instant> times = new LinkedHashSet<>();
        if (device != null) {
            if (device.from() != null) {
                times.add(device.from().timeUtc());
            }
            if (device.to() != null) {
                times.add(device.to().timeUtc());
            }
        }
        return times;
    }

    private static List<Long> totals(AggregateContribution a) {
        return a == null ? null : List.of(a.small(), a.large(), a.duplexSheets());
    }

    private static String describe(AggregateContribution a) {
        return a == null ? "none" : a.small() + " small, " + a.large() + " large, " + a.duplexSheets() + " duplex sheets";
    }

    private static String join(List<Instant> times) {
        return String.join(", ", times.stream().map(Instant::toString).toList());
    }
}
