package io.canopy.metering.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

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
        Map<DeviceKey, DeviceUsage> computed = new HashMap<>();
        // Devices computed from a checkpoint: their steps cover only the days after this one.
        Map<DeviceKey, LocalDate> continuedAfter = new HashMap<>();
        int devices = 0;
        for (DeviceKey device : store.devicesReadBy(feed.feedId(), requestId)) {
            DeviceHistory history = store.history(feed.feedId(), device);
            if (history.isEmpty()) {
                continue;
            }
            devices++;
            Map<LocalDate, Volume> before = store.deviceDays(feed.feedId(), device);
            DeviceUsage usage = history.compute(feed.zone(), feed.activationDate(), rules);
            held.addAll(store.saveDevice(feed, device, usage, before));
            computed.put(device, usage);
            LocalDate checkpointDay = history.continuesAfter(feed.zone());
            if (checkpointDay != null) {
                continuedAfter.put(device, checkpointDay);
            }
            days.addAll(changedDays(before, usage));
        }
        days.addAll(store.aggregateDaysOf(feed.feedId(), requestId));
        window.ifPresent(w -> w.days().forEach(days::add));
        // No deposit for a day before the activation date (aggregate days included): its pages are not ours.
        days.removeIf(day -> !feed.counts(day));

        Map<LocalDate, Map<DeviceKey, Volume>> volumes = store.deviceVolumes(feed.feedId(), days);
        Map<LocalDate, AggregateVolume> aggregates = store.aggregates(feed.feedId(), days);
        Map<LocalDate, LedgerDay> ledger = store.ledger(feed.feedId(), days);
        Map<LocalDate, PlannedDeposit> plans = new TreeMap<>();
        for (LocalDate day : days) {
            long pages = FeedDay.standardPages(volumes.getOrDefault(day, Map.of()).values(),
                    Optional.ofNullable(aggregates.get(day)), feed.basis());
            PlannedDeposit.toReach(pages, ledger.getOrDefault(day, LedgerDay.EMPTY)).ifPresent(p -> plans.put(day, p));
        }
        // An adjustment says what changed against the day's previous explanation (read only for adjustments).
        Set<LocalDate> adjusted = new TreeSet<>();
        plans.keySet().stream().filter(d -> ledger.getOrDefault(d, LedgerDay.EMPTY).entries() > 0).forEach(adjusted::add);
        Map<LocalDate, DepositExplanation> previous = adjusted.isEmpty() ? Map.of()
                : store.latestExplanations(feed.feedId(), adjusted);
        // A device this request did not read still explains its share of a day: from its stored readings
        // (so does a device continued from a checkpoint, for a day up to the checkpoint's).
        Map<DeviceKey, DeviceUsage> complete = new HashMap<>();
        List<DepositRecorded> appended = new ArrayList<>();
        List<DepositRecorded> conflicts = new ArrayList<>();
        for (Map.Entry<LocalDate, PlannedDeposit> plan : plans.entrySet()) {
            LocalDate day = plan.getKey();
            PlannedDeposit p = plan.getValue();
            Function<DeviceKey, List<DeviceStep>> stepsOf = key -> {
                DeviceUsage usage = computed.get(key);
                LocalDate checkpointDay = continuedAfter.get(key);
                if (usage == null || (checkpointDay != null && !day.isAfter(checkpointDay))) {
                    usage = complete.computeIfAbsent(key, k -> {
                        List<CounterReading> readings = store.readings(feed.feedId(), k);
                        return readings.isEmpty() ? null
                                : DeviceMeter.compute(readings, feed.zone(), feed.activationDate(), rules);
                    });
                }
                return usage == null ? List.of() : usage.steps();
            };
            DepositRecorded entry = new DepositRecorded(DeterministicIds.deposit(feed.feedId(), day, requestId),
                    feed.dealerId(), feed.accountId(), feed.feedId(), day, p.pages(), p.dayTotalPages(), p.kind(),
                    requestId, asOf, recordedAt, feed.accountName());
            DepositExplanation explanation = Explanations.explain(entry, new Explanations.DayFacts(feed,
                    volumes.getOrDefault(day, Map.of()), Optional.ofNullable(aggregates.get(day)),
                    ledger.getOrDefault(day, LedgerDay.EMPTY), Optional.ofNullable(previous.get(day))), stepsOf);
            switch (store.append(entry, explanation)) {
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
