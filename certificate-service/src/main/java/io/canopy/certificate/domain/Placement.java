package io.canopy.certificate.domain;

import java.time.YearMonth;

/**
 * Where a deposit is counted: the period whose certificate covers it. {@code priorPeriod} is true
 * when that is not its own service month (its month no longer accepted deposits when it arrived),
 * so the certificate shows it on the separate prior-period line.
 */
public record Placement(YearMonth countedIn, boolean priorPeriod) {
}
