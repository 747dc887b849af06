package io.canopy.simulator.scenario;

import java.time.LocalDate;
import java.util.List;

/**
 * A vendor customer.
 *
 * @param id         the vendor's customer id (format per vendor: MPS Monitor 16 hex, OneStop
 *                   integer, Print Tracker 24 hex, Printerpoint company id, Printanista string)
 * @param timeZone   IANA zone; readings are taken at 23:00 local time
 * @param reports    Printanista only: reports granted ({@code printreleaf}, {@code printreleaf-managed-only});
 *                   empty = integration not enabled on this account
 * @param staleAgent the collection agent stops uploading on these days and uploads late afterwards
 * @param activationDate optional: the activation date a dealer registers this customer's feed with
 *                   (listed by {@code /_sim/servers}; the demo uses it, default 7 days before its
 *                   first night). The scenario can so hold feeds activated on the first night and in
 *                   the past; the truth of the activation day itself counts
 */
public record CustomerSpec(
        String id,
        String name,
        String timeZone,
        List<String> reports,
        DayRange staleAgent,
        List<DeviceSpec> devices,
        LocalDate activationDate) {

    public CustomerSpec {
        devices = devices == null ? List.of() : List.copyOf(devices);
        reports = reports == null ? List.of("printreleaf", "printreleaf-managed-only") : List.copyOf(reports);
    }

    /** Inclusive day range. */
    public record DayRange(LocalDate from, LocalDate to) {
        public boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }
}
