package io.canopy.certificate.domain;

import java.time.YearMonth;
import java.util.UUID;

/** A deposit as a period counts it: its id, its own service month and its pages (may be negative). */
public record CountedDeposit(UUID depositId, YearMonth serviceMonth, long standardPages) {
}
