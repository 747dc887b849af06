package io.canopy.simulator.generation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

import io.canopy.contracts.events.VendorType;
import io.canopy.simulator.scenario.VolumeProfile;

/**
 * Deterministic volumes and counters: a device's impressions on a day are a pure function of the
 * scenario seed, the device and the day, so nothing needs to be stored and the same scenario
 * always gives the same data, however large.
 */
public final class VolumeGenerator {

    /**
     * Accumulated volumes are memoised per device: ONE entry each, its newest day, so the next
     * night resumes from it instead of summing every day since install. (Keeping an entry per
     * device-day filled the cache after a single night of 500,000 devices and cleared it wholesale
     * every night, so the timed night recomputed everything.) Bounded; dropped wholesale when full.
     */
    private static final int CACHE_LIMIT = 1_000_000;

    private record CacheKey(long device, VendorType vendor) {
    }

    /** Accumulated through the end of {@code epochDay}, counted from {@code segmentStart}. */
    private record Accumulated(long epochDay, long segmentStart, DayVolume sum) {
    }

    private final long seed;
    private final java.util.concurrent.ConcurrentHashMap<CacheKey, Accumulated> accumulatedCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    public VolumeGenerator(long seed) {
        this.seed = seed;
    }

    /** Impressions of a device on a day, shaped by what the vendor can report. */
    public DayVolume volume(SimDevice device, LocalDate day, VendorType vendor) {
        if (!device.installedOn(day)) {
            return DayVolume.ZERO;
        }
        VolumeProfile p = device.profile();
        SplittableRandom random = new SplittableRandom(mix(seed, device.key(), day.toEpochDay()));
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        double mean = (weekend ? p.weekend() : p.weekday())
                * (1 + p.seasonality() * Math.sin(2 * Math.PI * day.getDayOfYear() / 365.0));
        long impressions = Math.max(0, Math.round(mean * (1 + p.noise() * (random.nextDouble() * 2 - 1))));
        // Print Tracker reports one total: everything is "small" there. Meter vendors have no duplex.
        boolean splitsLarge = device.a3() && vendor != VendorType.PRINT_TRACKER;
        long large = splitsLarge ? Math.round(impressions * p.largeShare() * (0.5 + random.nextDouble())) : 0;
        large = Math.min(large, impressions);
        long color = Math.round(impressions * p.colorShare());
        long colorLarge = Math.round(large * p.colorShare());
        long colorSmall = Math.max(0, Math.min(color - colorLarge, impressions - large));
        long monoLarge = large - colorLarge;
        long monoSmall = impressions - large - colorSmall;
        long duplex = vendor.kind() == VendorType.Kind.DAY_AGGREGATES
                ? (long) Math.floor(impressions * p.duplexShare() / 2.0)
                : 0;
        return new DayVolume(monoSmall, colorSmall, monoLarge, colorLarge, duplex);
    }

    /** Lifetime counters at the end of a day, as the device shows them (resets and rollover applied). */
    public Counters endOfDay(SimDevice device, LocalDate day, VendorType vendor) {
        return shown(device, accumulated(device, day, vendor, false));
    }

    /** Lifetime counters at mid-day: the previous evening plus about half the day. */
    public Counters midDay(SimDevice device, LocalDate day, VendorType vendor) {
        return shown(device, accumulated(device, day, vendor, true));
    }

    private DayVolume accumulated(SimDevice device, LocalDate day, VendorType vendor, boolean halfOfLastDay) {
        LocalDate segmentStart = device.install();
        boolean reset = false;
        for (LocalDate r : device.resets()) {
            if (!r.isAfter(day) && (segmentStart == null || !r.isBefore(segmentStart))) {
                segmentStart = r;
                reset = true;
            }
        }
        if (segmentStart == null) {
            throw new IllegalStateException("device " + device.id() + " has no install date");
        }
        DayVolume sum = reset ? DayVolume.ZERO : new DayVolume(device.initialCounter(), 0, 0, 0, 0);
        LocalDate d = segmentStart;
        CacheKey key = new CacheKey(device.key(), vendor);
        // Resume from the memoised day of this segment, if it is before the day asked for.
        Accumulated cached = accumulatedCache.get(key);
        if (cached != null && cached.segmentStart() == segmentStart.toEpochDay() && cached.epochDay() < day.toEpochDay()
                && cached.epochDay() >= segmentStart.toEpochDay()) {
            sum = cached.sum();
            d = LocalDate.ofEpochDay(cached.epochDay() + 1);
        }
        boolean computed = false;
        for (; d.isBefore(day); d = d.plusDays(1)) {
            sum = sum.plus(volume(device, d, vendor));
            computed = true;
        }
        if (computed && (cached == null || cached.epochDay() < day.toEpochDay() - 1)) {
            // Only the newest day is kept: the next night resumes from it.
            remember(key, new Accumulated(day.toEpochDay() - 1, segmentStart.toEpochDay(), sum));
        }
        if (!day.isBefore(segmentStart)) {
            DayVolume last = volume(device, day, vendor);
            sum = sum.plus(halfOfLastDay ? last.half() : last);
        }
        return sum;
    }

    /** Through the end of {@code day} within the device's current segment (a reset starts a new one). */
    private void remember(CacheKey key, Accumulated accumulated) {
        if (accumulatedCache.size() > CACHE_LIMIT) {
            accumulatedCache.clear();
        }
        accumulatedCache.put(key, accumulated);
    }

    private static Counters shown(SimDevice device, DayVolume lifetime) {
        long m = device.rolloverModulus();
        long mono = lifetime.monoSmall() + lifetime.monoLarge();
        long color = lifetime.colorSmall() + lifetime.colorLarge();
        if (m > 0) {
            // A wrapping device wraps its total; keep the colour split inside the wrapped total.
            long total = (mono + color) % m;
            color = Math.min(color, total);
            mono = total - color;
            return new Counters(mono, color, Math.min(lifetime.monoLarge(), mono), Math.min(lifetime.colorLarge(), color));
        }
        return new Counters(mono, color, lifetime.monoLarge(), lifetime.colorLarge());
    }

    /** SplitMix64-style mixing of several longs into one well-spread seed. */
    static long mix(long a, long b, long c) {
        long z = a * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(b, 21) * 0xBF58476D1CE4E5B9L ^ Long.rotateLeft(c, 42);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long stableKey(String... parts) {
        long h = 1125899906842597L;
        for (String part : parts) {
            for (int i = 0; i < part.length(); i++) {
                h = 31 * h + part.charAt(i);
            }
            h = 31 * h + 0x1F;
        }
        return mix(h, 0x5DEECE66DL, parts.length);
    }
}
