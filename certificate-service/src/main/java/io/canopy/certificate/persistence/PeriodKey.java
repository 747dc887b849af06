package io.canopy.certificate.persistence;

import java.time.YearMonth;
import java.util.UUID;

/** One account's month. */
public record PeriodKey(UUID accountId, YearMonth period) {
}
