package io.canopy.metering.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.canopy.contracts.events.VendorType;

/**
 * A generated feed of devices with known true daily volumes and the readings a vendor would show
 * for them: mid-series installs, counter resets, 7-digit and 32-bit rollovers, missed days, several
 * reads a day and duplicate reads. The truth is what a perfect pipeline can know: volume after each
 * device's first read day up to its last read day.
 */
record MeterSeries(ZoneId zone, List<GeneratedDevice> devices) {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/London"), ZoneId.of("Asia/Tokyo"), ZoneId.of("Australia/Sydney"));

    static final long MIN_COUNTER_BEFORE_RESET = 100_000;

    record GeneratedDevice(DeviceKey key, List<CounterReading> readings, long trueSmall, long trueLarge) {
        long trueStandardPages() {
            return trueSmall + 2 * trueLarge;
        }
    }

    long trueStandardPages() {
        return devices.stream().mapToLong(GeneratedDevice::trueStandardPages).sum();
    }

    List<CounterReading> allReadings() {
        return devices.stream().flatMap(d -> d.readings().stream()).toList();
    }

    static MeterSeries generate(long seed) {
        Random random = new Random(seed);
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        int days = 3 + random.nextInt(38);
        int deviceCount = 1 + random.nextInt(4);
        UUID server = new UUID(seed, 42);
        List<GeneratedDevice> devices = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            devices.add(device(random, zone, days, new DeviceKey(VendorType.PRINT_TRACKER, server, "dev-" + i)));
        }
        return new MeterSeries(zone, devices);
    }

    private static GeneratedDevice device(Random random, ZoneId zone, int days, DeviceKey key) {
        int kind = random.nextInt(5); // 0 plain, 1 resets, 2 wraps at 10^7, 3 at 2^31, 4 at 2^32
        long modulus = switch (kind) {
            case 2 -> 10_000_000L;
            case 3 -> 1L << 31;
            case 4 -> 1L << 32;
            default -> 0;
        };
        boolean a3 = modulus == 0 && random.nextBoolean(); // a wrapping counter is one total (as in the simulator)
        long counterSmall = modulus == 0 ? random.nextInt(1_000_000) : modulus - random.nextInt(30_000);
        long counterLarge = a3 ? random.nextInt(50_000) : 0;
        int first = random.nextInt(days - 1);
        long trueSmall = 0;
        long trueLarge = 0;
        long pendingSmall = 0; // printed since the last read: known only once the next read shows it
        long pendingLarge = 0;
        boolean previousDayRead = false;
        List<CounterReading> readings = new ArrayList<>();
        for (int d = first; d < days; d++) {
            LocalDate day = START.plusDays(d);
            boolean read = d == first || random.nextDouble() < 0.7;
            if (kind == 1 && d > first && read && previousDayRead && counterSmall > MIN_COUNTER_BEFORE_RESET
                    && random.nextDouble() < 0.15) {
                // Board replaced at the start of the day: the counter restarts at zero. Only what a perfect pipeline
                // could see is generated: right after a read day (volume between the last read and a reset is
                // unknowable) and from a counter higher than a day's printing (else the drop is invisible).
                counterSmall = 0;
                counterLarge = 0;
            }
            long small = random.nextInt(3_000);
            long large = a3 ? random.nextInt(300) : 0;
            if (read && random.nextDouble() < 0.2) {
                readings.add(reading(day, LocalTime.NOON, zone, counterSmall + small / 2, counterLarge + large / 2, modulus));
            }
            counterSmall += small;
            counterLarge += large;
            if (d > first) {
                pendingSmall += small;
                pendingLarge += large;
            }
            if (read) {
                trueSmall += pendingSmall;
                trueLarge += pendingLarge;
                pendingSmall = 0;
                pendingLarge = 0;
                LocalTime at = LocalTime.of(20 + random.nextInt(4), random.nextInt(60));
                CounterReading closing = reading(day, at, zone, counterSmall, counterLarge, modulus);
                readings.add(closing);
                if (random.nextDouble() < 0.1) {
                    readings.add(closing);
                }
            }
            previousDayRead = read;
        }
        return new GeneratedDevice(key, readings, trueSmall, trueLarge);
    }

    private static CounterReading reading(LocalDate day, LocalTime time, ZoneId zone, long small, long large, long modulus) {
        long shownSmall = modulus == 0 ? small : small % modulus;
        return CounterReading.of(day.atTime(time).atZone(zone).toInstant(), shownSmall, large);
    }
}
