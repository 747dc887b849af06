package io.canopy.metering.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.canopy.contracts.events.DepositRecorded;

/** The storage port in memory, with the same idempotency rules as the PostgreSQL store, for property tests. */
final class InMemoryMeteringStore implements MeteringStore {

    private final Map<DeviceKey, TreeMap<Instant, CounterReading>> readings = new HashMap<>();
    private final Map<UUID, Set<DeviceKey>> devicesByRequest = new HashMap<>();
    private final Map<DeviceKey, Map<LocalDate, Volume>> deviceDays = new HashMap<>();
    private final Map<DeviceKey, Set<HeldJump>> held = new HashMap<>();
    final Map<UUID, DepositRecorded> ledgerById = new HashMap<>();
    final List<DepositRecorded> ledger = new ArrayList<>();
    final Map<UUID, DepositExplanation> explanations = new HashMap<>();

    /** Stores a reading as the consumer does: a repeat of a stored reading (same device and time) is a no-op. */
    void store(UUID requestId, DeviceKey device, CounterReading reading) {
        if (readings.computeIfAbsent(device, d -> new TreeMap<>()).putIfAbsent(reading.time(), reading) == null) {
            devicesByRequest.computeIfAbsent(requestId, r -> new LinkedHashSet<>()).add(device);
        }
    }

    @Override
    public Collection<DeviceKey> devicesReadBy(UUID feedId, UUID requestId) {
        return devicesByRequest.getOrDefault(requestId, Set.of());
    }

    @Override
    public List<CounterReading> readings(UUID feedId, DeviceKey device) {
        return List.copyOf(readings.getOrDefault(device, new TreeMap<>()).values());
    }

    @Override
    public Map<LocalDate, Volume> deviceDays(UUID feedId, DeviceKey device) {
        return Map.copyOf(deviceDays.getOrDefault(device, Map.of()));
    }

    @Override
    public List<HeldJump> saveDevice(FeedContext feed, DeviceKey device, DeviceUsage usage,
            Map<LocalDate, Volume> before) {
        Map<LocalDate, Volume> days = new HashMap<>();
        usage.days().forEach(d -> days.put(d.day(), d.volume()));
        deviceDays.put(device, days);
        Set<HeldJump> known = held.computeIfAbsent(device, d -> new LinkedHashSet<>());
        return usage.held().stream().filter(known::add).toList();
    }

    @Override
    public Map<LocalDate, Map<DeviceKey, Volume>> deviceVolumes(UUID feedId, Set<LocalDate> days) {
        Map<LocalDate, Map<DeviceKey, Volume>> result = new HashMap<>();
        deviceDays.forEach((device, perDay) -> perDay.forEach((day, volume) -> {
            if (days.contains(day)) {
                result.computeIfAbsent(day, d -> new HashMap<>()).put(device, volume);
            }
        }));
        return result;
    }

    @Override
    public Map<LocalDate, AggregateVolume> aggregates(UUID feedId, Set<LocalDate> days) {
        return Map.of();
    }

    @Override
    public Set<LocalDate> aggregateDaysOf(UUID feedId, UUID requestId) {
        return Set.of();
    }

    @Override
    public Map<LocalDate, LedgerDay> ledger(UUID feedId, Set<LocalDate> days) {
        Map<LocalDate, LedgerDay> result = new HashMap<>();
        for (DepositRecorded entry : ledger) {
            if (days.contains(entry.serviceDate())) {
                LedgerDay sum = result.getOrDefault(entry.serviceDate(), LedgerDay.EMPTY);
                result.put(entry.serviceDate(), new LedgerDay(sum.totalPages() + entry.standardPages(), sum.entries() + 1));
            }
        }
        return result;
    }

    @Override
    public AppendOutcome append(DepositRecorded deposit, DepositExplanation explanation) {
        DepositRecorded existing = ledgerById.get(deposit.depositId());
        if (existing != null) {
            return Metering.sameContent(existing, deposit) ? AppendOutcome.ALREADY_RECORDED : AppendOutcome.CONFLICT;
        }
        ledgerById.put(deposit.depositId(), deposit);
        ledger.add(deposit);
        explanations.put(deposit.depositId(), explanation);
        return AppendOutcome.APPENDED;
    }

    @Override
    public Map<LocalDate, DepositExplanation> latestExplanations(UUID feedId, Set<LocalDate> days) {
        Map<LocalDate, DepositExplanation> latest = new HashMap<>();
        for (DepositRecorded entry : ledger) {
            if (days.contains(entry.serviceDate()) && explanations.containsKey(entry.depositId())) {
                latest.put(entry.serviceDate(), explanations.get(entry.depositId()));
            }
        }
        return latest;
    }
}
