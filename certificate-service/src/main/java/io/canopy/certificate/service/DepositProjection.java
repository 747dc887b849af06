package io.canopy.certificate.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.canopy.certificate.domain.DepositPlacement;
import io.canopy.certificate.domain.Hold;
import io.canopy.certificate.domain.MonthHold;
import io.canopy.certificate.domain.Placement;
import io.canopy.certificate.persistence.AccountNameRepository;
import io.canopy.certificate.persistence.DepositRepository;
import io.canopy.certificate.persistence.FeedStateRepository;
import io.canopy.certificate.persistence.PeriodKey;
import io.canopy.certificate.persistence.PeriodRepository;
import io.canopy.certificate.persistence.StoredDeposit;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.kit.inbox.ConsumedMessages;
import io.canopy.kit.time.DealerBusinessTime;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies DepositRecorded to certificate-service's projection of the ledger, exactly once per
 * message and once per deposit id: the message id, the deposit and the period it counts in commit
 * together (DESIGN.md rule 3), so a redelivery is a no-op. The period is chosen by the deposit's own
 * {@code as_of} against the month's close date (DepositPlacement), so placement is replayable; a
 * deposit never moves business time (rule 12: it carries no purpose, only nights do).
 */
@ApplicationScoped
public class DepositProjection {

    static final String CONSUMER = "certificate.deposits";
    private static final Logger LOG = Logger.getLogger(DepositProjection.class);

    public enum Outcome {
        /** Counted for the first time. */
        COUNTED,
        /** This message was already applied. */
        REDELIVERED,
        /** Another message carried the same deposit with the same content: counted once already. */
        DUPLICATE_DEPOSIT,
        /** Same deposit id, different content: the ledger broke rule 4. Kept as first seen; alarm raised. */
        CONFLICTING_DEPOSIT
    }

    @Inject
    ConsumedMessages consumedMessages;

    @Inject
    AccountNameRepository accountNames;

    @Inject
    PeriodRepository periods;

    @Inject
    FeedStateRepository feedStates;

    @Inject
    DepositRepository deposits;

    @Inject
    DepositPlacement placement;

    @Inject
    MonthHold monthHold;

    @Inject
    DealerBusinessTime businessTime;

    @Inject
    MeterRegistry metrics;

    @Transactional
    public Outcome apply(DepositRecorded deposit, String messageId) {
        if (!consumedMessages.firstTime(CONSUMER, messageId)) {
            return Outcome.REDELIVERED;
        }
        // A deposit never moves business time (it carries no purpose: rule 12); one dated beyond its
        // dealer's today is counted and logged, and still placed by its own as_of.
        Optional<LocalDate> businessToday = businessTime.observe(FeedEvidence.SERVICE, deposit, deposit.dealerId(),
                deposit.asOf());
        if (deposit.accountName() != null && !deposit.accountName().isBlank()) {
            accountNames.rememberAccountName(deposit.accountId(), deposit.dealerId(), deposit.accountName().strip(),
                    deposit.recordedAt().truncatedTo(ChronoUnit.MICROS));
        }
        StoredDeposit incoming = stored(deposit);
        var existing = deposits.findDeposit(deposit.depositId());
        if (existing.isPresent()) {
            if (existing.get().equals(incoming)) {
                return Outcome.DUPLICATE_DEPOSIT;
            }
            LOG.errorf("deposit %s arrived again with different content (account %s, service date %s): kept the first;"
                    + " the ledger must correct with an adjustment, never rewrite an entry", deposit.depositId(),
                    deposit.accountId(), deposit.serviceDate());
            metrics.counter("canopy.certificates.deposit_conflicts").increment();
            return Outcome.CONFLICTING_DEPOSIT;
        }
        // Locks the account's period rows it looks at, so a closer cannot freeze a month between
        // this decision and the insert below.
        Placement placed = placement.place(YearMonth.from(deposit.serviceDate()), deposit.asOf(),
                month -> periods.lockPeriodView(deposit.accountId(), month),
                month -> periods.closedByOperator(deposit.dealerId(), month),
                month -> heldNow(deposit, month, businessToday));
        periods.openPeriodIfAbsent(deposit.accountId(), placed.countedIn(), deposit.dealerId());
        periods.lockPeriodView(deposit.accountId(), placed.countedIn());
        deposits.insertDeposit(incoming, placed.countedIn(), placed.priorPeriod());
        metrics.counter("canopy.certificates.deposits", "placement", placed.priorPeriod() ? "prior-period" : "own-month")
                .increment();
        return Outcome.COUNTED;
    }

    /**
     * A month due by its nominal date whose close is not decided yet accepts while one of the
     * account's feeds holds it; the hold is recorded at once, so the closer keeps it open too.
     */
    private boolean heldNow(DepositRecorded deposit, YearMonth month, Optional<LocalDate> businessToday) {
        Optional<Hold> hold = monthHold.holdOf(month, feedStates.feedsOfAccount(deposit.accountId()));
        hold.ifPresent(h -> {
            periods.openPeriodIfAbsent(deposit.accountId(), month, deposit.dealerId());
            LocalDate day = businessToday.filter(t -> t.isBefore(deposit.asOf())).orElse(deposit.asOf());
            periods.recordHold(new PeriodKey(deposit.accountId(), month), day, h);
        });
        return hold.isPresent();
    }

    private static StoredDeposit stored(DepositRecorded d) {
        // The database keeps microseconds: compare what it can hold.
        return new StoredDeposit(d.depositId(), d.dealerId(), d.accountId(), d.feedId(), d.serviceDate(),
                d.standardPages(), d.kind().name(), d.requestId(), d.asOf(), d.recordedAt().truncatedTo(ChronoUnit.MICROS));
    }
}
