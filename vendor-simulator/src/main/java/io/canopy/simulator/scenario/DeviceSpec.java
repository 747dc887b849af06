package io.canopy.simulator.scenario;

import java.time.LocalDate;
import java.util.List;

/**
 * A device, or with {@code count} several alike ({@code id-001}, {@code id-002}, ...).
 *
 * @param initialCounter lifetime impressions before the install day
 * @param rolloverModulus the counter wraps at this value (10,000,000 for 7 digits, 4294967296 for 32 bit)
 * @param counterSource  Print Tracker: which counter group carries the values ({@code life}, {@code default}, {@code equiv})
 * @param move           the device moves to another customer of the same server on a day
 * @param resets         days whose counter restarts at zero (board replaced)
 * @param garbage        days whose reading shows an unusable value
 * @param duplicateReads days whose read is listed twice (history vendors)
 * @param extraReads     days with an additional mid-day read (history vendors)
 * @param lateDays       reads become visible this many days after their day (history vendors)
 */
public record DeviceSpec(
        String id,
        Integer count,
        Boolean managed,
        Boolean a3,
        String profile,
        LocalDate install,
        LocalDate uninstall,
        Long initialCounter,
        Long rolloverModulus,
        String counterSource,
        Move move,
        List<LocalDate> resets,
        List<Garbage> garbage,
        List<LocalDate> duplicateReads,
        List<LocalDate> extraReads,
        Integer lateDays,
        String make,
        String model) {

    public DeviceSpec {
        resets = resets == null ? List.of() : List.copyOf(resets);
        garbage = garbage == null ? List.of() : List.copyOf(garbage);
        duplicateReads = duplicateReads == null ? List.of() : List.copyOf(duplicateReads);
        extraReads = extraReads == null ? List.of() : List.copyOf(extraReads);
    }

    public record Move(String to, LocalDate on) {
    }

    /** @param value what the vendor shows instead of the counter: "", "N/A", -5, true, ... */
    public record Garbage(LocalDate on, Object value) {
    }
}
