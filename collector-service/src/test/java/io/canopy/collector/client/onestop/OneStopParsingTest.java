package io.canopy.collector.client.onestop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.canopy.collector.client.VendorResponse;
import io.canopy.collector.domain.DroppedValues;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.events.FailureKind;

/** OneStop's day summary (shared/vendor-apis.md §2) to a day aggregate, from the body's bytes, without HTTP. */
class OneStopParsingTest {

    static final String PATH = "/api/customers/1042/meterreadings/summary";
    static final LocalDate DAY = LocalDate.parse("2026-02-03");

    final DroppedValues dropped = new DroppedValues();

    private OneStopAdapter.OneStopSummary read(String body) {
        return OneStopAdapter.OneStopSummary.parse(DAY, new VendorResponse(200, body, PATH, h -> null).json(), PATH,
                dropped);
    }

    @Test
    void aSummaryBecomesTheDaysVolumesAndScansAreNotPaper() {
        OneStopAdapter.OneStopSummary summary = read("""
                {"customerId": 1042, "fromDate": "2026-02-03", "toDate": "2026-02-04", "deviceTotal": 7,
                 "monoTotal": 900, "colourTotal": 300, "smallTotal": 1100, "largeTotal": 100, "duplexTotal": 250,
                 "scanTotal": 5000}""");

        assertThat(summary).isEqualTo(new OneStopAdapter.OneStopSummary(DAY, 1100, 100, 250, 7));
        assertThat(summary.toAggregate().smallPages()).isEqualTo(1100);
        assertThat(summary.toAggregate().duplexSheets()).isEqualTo(250);
        assertThat(dropped.total()).isZero();
    }

    @Test
    void aDayWithAnUnusableTotalIsRejectedWhole() {
        assertThatThrownBy(() -> read("{\"smallTotal\": \"N/A\", \"largeTotal\": 0, \"duplexTotal\": 0}"))
                .isInstanceOfSatisfying(VendorFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.REJECTED_PAYLOAD);
                    assertThat(f.rejectedBody()).contains("N/A");
                });
        assertThatThrownBy(() -> read("[1, 2]"))
                .isInstanceOfSatisfying(VendorFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.REJECTED_PAYLOAD));
    }
}
