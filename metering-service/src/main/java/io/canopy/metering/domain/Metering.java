package io.canopy.metering.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.identity.DeterministicIds;

/**
 * What happens when a request's readings are complete: every device the request read is
 * computed again from all its stored readings, and every (feed, day) whose volume may have
 * changed gets the deposit that makes the ledger agree with the computation (DESIGN.md rule 5:
 * metering is a pure function of stored readings; backfill = replay, differences = adjustments).
 */
public final class Metering {

    private final MeteringRules rules;

    public Metering(MeteringRules rules) {
        this.rules = rules;
    }

    /** The outcome of one completion: entries appended, repeats, conflicts, newly held jumps. */
    public record Completion(List<DepositRecorded> appended, List<DepositRecorded> conflicts,
            List<HeldJump> held, int devices, Set<LocalDate> daysChecked) {
    }

    /**
     * @param window the request's window; its days are checked even when no device changed, so a
     *               backfill also settles a day an earlier run left unsettled
     */
    public Completion complete(MeteringStore store, FeedContext feed, UUID requestId, Optional<DateWindow> window,
            LocalDate asOf, Instant recordedAt) {
        Set<LocalDate> days = new TreeSet<>();
        List<HeldJump> held = new ArrayList<>();
        int devices = 0;
        for (DeviceKey device : store.devicesReadBy(feed.feedId(), requestId)) {
            List<CounterReading> readings = store.readings(feed.feedId(), device);
            if (readings.isEmpty()) {
                continue;
            }
            devices++;
            Map<LocalDate, Volume> before = store.deviceDays(feed.feedId(), device);
            DeviceUsage usage = DeviceMeter.compute(readings, feed.zone(), feed.activationDate(), rules);
            held.addAll(store.saveDevice(feed, device, usage, before));
            days.addAll(changedDays(before, usage));
        }
        days.addAll(store.aggregateDaysOf(feed.feedId(), requestId));
        window.ifPresent(w -> w.days().forEach(days::add));
        // No deposit for a day before the activation date (aggregate days included): its pages are not ours.
        days.removeIf(day -> !feed.counts(day));

        Map<LocalDate, List<Volume>> volumes = store.deviceVolumes(feed.feedId(), days);
        Map<LocalDate, AggregateVolume> aggregates = store.aggregates(feed.feedId(), days);
        Map<LocalDate, LedgerDay> ledger = store.ledger(feed.feedId(), days);
        List<DepositRecorded> appended = new ArrayList<>();
        List<DepositRecorded> conflicts = new ArrayList<>();
        for (LocalDate day : days) {
            long computed = FeedDay.standardPages(volumes.getOrDefault(day, List.of()),
                    Optional.ofNullable(aggregates.get(day)), feed.basis());
            Optional<PlannedDeposit> planned = PlannedDeposit.toReach(computed, ledger.getOrDefault(day, LedgerDay.EMPTY));
            if (planned.isEmpty()) {
                continue;
            }
            PlannedDeposit p = planned.get();
            DepositRecorded entry = new DepositRecorded(DeterministicIds.deposit(feed.feedId(), day, requestId),
                    feed.dealerId(), feed.accountId(), feed.feedId(), day, p.pages(), p.dayTotalPages(), p.kind(),
                    requestId, asOf, recordedAt, feed.accountName());
            switch (store.append(entry)) {
                case APPENDED -> appended.add(entry);
                case CONFLICT -> conflicts.add(entry);
                case ALREADY_RECORDED -> {
                }
            }
        }
        return new Completion(appended, conflicts, held, devices, days);
    }

    private static Set<LocalDate> changedDays(Map<LocalDate, Volume> before, DeviceUsage after) {
        Set<LocalDate> changed = new HashSet<>();
        Set<LocalDate> seen = new HashSet<>();
        for (DeviceDay day : after.days()) {
            seen.add(day.day());
            if (!Objects.equals(before.get(day.day()), day.volume())) {
                changed.add(day.day());
            }
        }
        for (LocalDate day : before.keySet()) {
            if (!seen.contains(day)) {
                changed.add(day);
            }
        }
        return changed;
    }

    /** Two entries are the same fact when everything but the moment of recording agrees. */
    public static boolean sameContent(DepositRecorded a, DepositRecorded b) {
        return a.depositId().equals(b.depositId()) && a.dealerId().equals(b.dealerId())
                && a.accountId().equals(b.accountId()) && a.feedId().equals(b.feedId())
                && a.serviceDate().equals(b.serviceDate()) && a.standardPages() == b.standardPages()
                && a.dayTotalPages() == b.dayTotalPages() && a.kind() == b.kind()
                && a.requestId().equals(b.requestId());
    }
}
