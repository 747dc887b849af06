package io.canopy.certificate.domain;

import java.time.LocalDate;

/**
 * An account's month as placement sees it.
 *
 * @param closeDate the business date from which it no longer accepts deposits, once decided (the
 *                  nominal close date, the day after its hold ended, or the day the max hold forced it)
 * @param heldSince the business day it was first found held, if it ever was
 */
public record PeriodView(PeriodStatus status, LocalDate closeDate, LocalDate heldSince) {
}
