package io.canopy.metering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties over generated meter series (see {@link MeterSeries}): whatever resets, rollovers,
 * gaps, duplicates and late reads a feed goes through, its deposits add up to the true volume,
 * a regular deposit is never negative, and replaying the same readings changes nothing.
 */
class MeteringPropertiesTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 3, 1);
    static final Instant RECORDED_AT = Instant.parse("2026-03-01T02:00:00Z");

    @Property(tries = 300)
    void deviceVolumeEqualsTrueVolumeWithoutNegativeDays(@ForAll long seed) {
        MeterSeries series = MeterSeries.generate(seed);
        for (MeterSeries.GeneratedDevice device : series.devices()) {
            DeviceUsage usage = DeviceMeter.compute(device.readings(), series.zone(), MeteringRules.standard());
            assertThat(usage.held()).as("no generated step is implausible").isEmpty();
            assertThat(usage.days()).allSatisfy(d -> assertThat(d.volume().small()).isNotNegative());
            assertThat(usage.days().stream().mapToLong(d -> d.volume().small()).sum()).isEqualTo(device.trueSmall());
            assertThat(usage.days().stream().mapToLong(d -> d.volume().large()).sum()).isEqualTo(device.trueLarge());
            assertThat(usage.lifeCount()).isEqualTo(device.trueSmall() + device.trueLarge());
        }
    }

    @Property(tries = 300)
    void theComputationDependsOnTheReadingsNotOnTheirOrderOrRepeats(@ForAll long seed) {
        MeterSeries series = MeterSeries.generate(seed);
        Random random = new Random(seed);
        for (MeterSeries.GeneratedDevice device : series.devices()) {
            List<CounterReading> shuffled = new ArrayList<>(device.readings());
            shuffled.addAll(device.readings().subList(0, random.nextInt(device.readings().size() + 1)));
            Collections.shuffle(shuffled, random);
            assertThat(DeviceMeter.compute(shuffled, series.zone(), MeteringRules.standard()))
                    .isEqualTo(DeviceMeter.compute(device.readings(), series.zone(), MeteringRules.standard()));
        }
    }

    @Property(tries = 300)
    void fromTheActivationDateOnEveryDayHasTheVolumeItHasWithoutOneAndNoDayBeforeHasAny(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 40) int activationOffset) {
        MeterSeries series = MeterSeries.generate(seed);
        LocalDate activation = MeterSeries.START.plusDays(activationOffset);
        for (MeterSeries.GeneratedDevice device : series.devices()) {
            DeviceUsage all = DeviceMeter.compute(device.readings(), series.zone(), MeteringRules.standard());
            DeviceUsage activated = DeviceMeter.compute(device.readings(), series.zone(), activation,
                    MeteringRules.standard());
            assertThat(activated.days()).isEqualTo(all.days().stream().filter(d -> !d.day().isBefore(activation)).toList());
            assertThat(activated.lifeCount()).isEqualTo(activated.days().stream()
                    .mapToLong(d -> d.volume().impressions()).sum());
        }
    }

    @Property(tries = 200)
    void depositsAddUpToTrueVolumeWhateverOrderRequestsArriveIn(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 5) int requests, @ForAll @IntRange(min = 1, max = 3) int replays) {
        MeterSeries series = MeterSeries.generate(seed);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        FeedContext feed = new FeedContext(new UUID(seed, 1), new UUID(seed, 2), new UUID(seed, 3), series.zone(),
                PaperBasis.LETTER);
        // Each reading lands in a random request, some in two (an overlapping backfill); requests arrive in any order.
        List<List<Delivery>> batches = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            batches.add(new ArrayList<>());
        }
        for (MeterSeries.GeneratedDevice device : series.devices()) {
            for (CounterReading reading : device.readings()) {
                batches.get(random.nextInt(requests)).add(new Delivery(device.key(), reading));
                if (random.nextDouble() < 0.1) {
                    batches.get(random.nextInt(requests)).add(new Delivery(device.key(), reading));
                }
            }
        }
        InMemoryMeteringStore store = new InMemoryMeteringStore();
        Metering metering = new Metering(MeteringRules.standard());
        for (int i = 0; i < requests; i++) {
            deliver(store, metering, feed, new UUID(seed, 100 + i), batches.get(i));
        }

        long deposited = store.ledger.stream().mapToLong(DepositRecorded::standardPages).sum();
        assertThat(deposited).isEqualTo(series.trueStandardPages());
        assertThat(store.ledger).filteredOn(d -> d.kind() == DepositKind.REGULAR)
                .allSatisfy(d -> assertThat(d.standardPages()).isPositive());

        int entries = store.ledger.size();
        for (int replay = 0; replay < replays; replay++) {
            for (int i = 0; i < requests; i++) {
                Metering.Completion again = deliver(store, metering, feed, new UUID(seed, 100 + i), batches.get(i));
                assertThat(again.appended()).isEmpty();
                assertThat(again.conflicts()).isEmpty();
            }
        }
        assertThat(store.ledger).hasSize(entries);
    }

    record Delivery(DeviceKey device, CounterReading reading) {
    }

    private static Metering.Completion deliver(InMemoryMeteringStore store, Metering metering, FeedContext feed,
            UUID requestId, List<Delivery> batch) {
        batch.forEach(d -> store.store(requestId, d.device(), d.reading()));
        return metering.complete(store, feed, requestId, Optional.empty(), AS_OF, RECORDED_AT);
    }
}
