package io.canopy.collector.client.printanista;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.canopy.collector.client.VendorResponse;
import io.canopy.collector.domain.DayAggregate;
import io.canopy.collector.domain.DroppedValues;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.events.FailureKind;

/** Printanista's report (shared/vendor-apis.md §5) to a day aggregate, from the body's bytes, without HTTP. */
class PrintanistaParsingTest {

    static final String PATH = PrintanistaAdapter.API + "/reports/" + PrintanistaAdapter.ALL_DEVICES;
    static final LocalDate DAY = LocalDate.parse("2026-02-03");

    final DroppedValues dropped = new DroppedValues();

    private DayAggregate read(String body) {
        return PrintanistaAdapter.Report.parse(DAY, new VendorResponse(200, body, PATH, h -> null).json(), PATH, dropped)
                .toAggregate();
    }

    @Test
    void aReportBecomesTheDaysVolumes() {
        DayAggregate day = read("""
                {"reportName": "printreleaf", "customerName": "Acme", "customerId": "456", "startDate": "2026-02-03",
                 "endDate": "2026-02-04", "numberOfDevices": 12, "smallPageCount": "2400", "largePageCount": 10,
                 "duplexPageCount": 600, "lastAuditDate": "2026-02-03T22:10:00Z"}""");

        assertThat(day.day()).isEqualTo(DAY);
        assertThat(day.smallPages()).isEqualTo(2400);
        assertThat(day.largePages()).isEqualTo(10);
        assertThat(day.duplexSheets()).isEqualTo(600);
        assertThat(day.deviceCount()).isEqualTo(12);
        assertThat(dropped.total()).isZero();
    }

    @Test
    void anUnreadableAuditDateIsDroppedButTheVolumesStand() {
        DayAggregate day = read("""
                {"numberOfDevices": 1, "smallPageCount": 5, "largePageCount": 0, "duplexPageCount": 0,
                 "lastAuditDate": "last tuesday"}""");

        assertThat(day.smallPages()).isEqualTo(5);
        assertThat(dropped.asMap()).containsOnlyKeys("bad_last_audit_date");
    }

    @Test
    void aReportWithUnusableCountsIsRejectedWhole() {
        assertThatThrownBy(() -> read("{\"smallPageCount\": 5, \"largePageCount\": -1, \"duplexPageCount\": 0}"))
                .isInstanceOfSatisfying(VendorFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.REJECTED_PAYLOAD));
    }
}
