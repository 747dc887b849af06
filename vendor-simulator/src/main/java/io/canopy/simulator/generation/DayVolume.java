package io.canopy.simulator.generation;

/** One device-day of impressions, split the way vendors report them; duplex counted in sheets. */
public record DayVolume(long monoSmall, long colorSmall, long monoLarge, long colorLarge, long duplexSheets) {

    public static final DayVolume ZERO = new DayVolume(0, 0, 0, 0, 0);

    public long small() {
        return monoSmall + colorSmall;
    }

    public long large() {
        return monoLarge + colorLarge;
    }

    public long impressions() {
        return small() + large();
    }

    public DayVolume plus(DayVolume other) {
        return new DayVolume(monoSmall + other.monoSmall, colorSmall + other.colorSmall, monoLarge + other.monoLarge,
                colorLarge + other.colorLarge, duplexSheets + other.duplexSheets);
    }

    /** Roughly the first half of the day (for a mid-day read). */
    public DayVolume half() {
        return new DayVolume(monoSmall / 2, colorSmall / 2, monoLarge / 2, colorLarge / 2, duplexSheets / 2);
    }
}
