package io.canopy.certificate.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.canopy.certificate.domain.CertificateFigures;
import io.canopy.certificate.domain.CloseRule;
import io.canopy.certificate.domain.ForestryProjects;
import io.canopy.certificate.domain.Hold;
import io.canopy.certificate.domain.IssuePolicy;
import io.canopy.certificate.domain.MonthHold;
import io.canopy.certificate.domain.PeriodStatus;
import io.canopy.certificate.domain.ProjectChoice;
import io.canopy.certificate.persistence.AccountNameRepository;
import io.canopy.certificate.persistence.CertificateRepository;
import io.canopy.certificate.persistence.DepositRepository;
import io.canopy.certificate.persistence.FeedStateRepository;
import io.canopy.certificate.persistence.PeriodKey;
import io.canopy.certificate.persistence.PeriodRepository;
import io.canopy.certificate.persistence.PeriodRepository.ClosingPeriod;
import io.canopy.certificate.persistence.PeriodRepository.DuePeriod;
import io.canopy.certificate.persistence.StoredCertificate;
import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.Trees;
import io.canopy.contracts.events.CertificateIssued;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.kit.api.ProblemException;
import io.canopy.kit.outbox.Outbox;
import io.canopy.kit.time.DealerBusinessTime;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Closes months: OPEN → CLOSING for every period that is due in its dealer's business time and not
 * held by a feed of the account (DESIGN.md "Month close and certificates"; the hold is bounded by
 * {@code max-hold-business-days}), or that an operator closed (one small transaction each), then CLOSING → CLOSED, each in the transaction that stores
 * its certificate and appends CertificateIssued to the outbox. A crash in between leaves CLOSING
 * rows, which the next pass (at start-up or on schedule) seals over exactly the same deposits.
 * Closing twice is a no-op: only OPEN periods start closing, and the certificate id is derived
 * from (account, month).
 */
@ApplicationScoped
public class MonthCloser {

    private static final Logger LOG = Logger.getLogger(MonthCloser.class);

    @Inject
    AccountNameRepository accountNames;

    @Inject
    PeriodRepository periods;

    @Inject
    FeedStateRepository feedStates;

    @Inject
    DepositRepository deposits;

    @Inject
    CertificateRepository certificates;

    @Inject
    CloseRule closeRule;

    @Inject
    MonthHold monthHold;

    @Inject
    DealerBusinessTime businessTime;

    @Inject
    Trees trees;

    @Inject
    IssuePolicy issuePolicy;

    @Inject
    ForestryProjects projects;

    @Inject
    Outbox outbox;

    @Inject
    MeterRegistry metrics;

    /** One pass at a time in this process; replicas are kept apart by row locks. */
    private final ReentrantLock pass = new ReentrantLock();

    void finishInterruptedClosesAtStart(@Observes StartupEvent start) {
        CloseReport report = closeDue();
        if (report.periodsClosed() > 0) {
            LOG.infof("at start-up: closed %d periods (%d certificates)", report.periodsClosed(),
                    report.certificatesIssued().size());
        }
    }

    @Scheduled(every = "${canopy.certificates.close-check-interval:60s}", delayed = "${canopy.certificates.close-check-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        closeDue();
    }

    /**
     * Closes, for every dealer by its own business today, each period that is due and not held, whose
     * hold ended or ran out, or that an operator closed; records the hold of the others.
     */
    public CloseReport closeDue() {
        pass.lock();
        try {
            Map<UUID, LocalDate> todays = QuarkusTransaction.requiringNew().call(businessTime::all);
            todays.forEach((dealerId, today) -> {
                YearMonth latestDue = closeRule.latestDueMonth(today);
                List<DuePeriod> due = QuarkusTransaction.requiringNew()
                        .call(() -> periods.openPeriodsToConsider(dealerId, latestDue));
                for (DuePeriod period : due) {
                    QuarkusTransaction.requiringNew().call(() -> consider(dealerId, period, today));
                }
            });
            return sealClosingPeriods();
        } finally {
            pass.unlock();
        }
    }

    /**
     * One OPEN period that is due by its nominal date or closed by an operator. It closes when an
     * operator closed it, when its fixed close date has come, or when no feed holds it; a held month
     * is recorded as held until its feeds are complete (its close date is then the next business
     * day, so the deposits of the day the hold ended — a backfill's — still count in it) or until the
     * maximum hold runs out (it closes that day). One row, one small transaction.
     */
    private boolean consider(UUID dealerId, DuePeriod period, LocalDate today) {
        PeriodKey key = period.key();
        if (periods.closedByOperator(dealerId, key.period())) {
            periods.fixCloseDate(key, today);
            return periods.startClosing(key);
        }
        if (period.closeDate() != null) {
            return !today.isBefore(period.closeDate()) && periods.startClosing(key);
        }
        LocalDate nominal = closeRule.closesOn(key.period());
        Optional<Hold> hold = monthHold.holdOf(key.period(), feedStates.feedsOfAccount(key.accountId()));
        if (hold.isEmpty()) {
            if (period.heldSince() == null) {
                periods.fixCloseDate(key, nominal);
                return periods.startClosing(key);
            }
            periods.fixCloseDate(key, today.plusDays(1));
            LOG.infof("account %s, %s: hold ended on %s; closes with the night of %s", key.accountId(), key.period(), today,
                    today.plusDays(1));
            return false;
        }
        if (monthHold.holdExhausted(nominal, today)) {
            periods.fixCloseDate(key, today);
            metrics.counter("canopy.certificates.holds_exhausted").increment();
            LOG.warnf("account %s, %s: held by feed %s (%s) for %d business days, the maximum; closed anyway, later pages"
                    + " go on the next certificate's prior-period line", key.accountId(), key.period(), hold.get().feedId(),
                    hold.get().reason(), monthHold.maxHoldBusinessDays());
            return periods.startClosing(key);
        }
        if (period.heldSince() == null) {
            metrics.counter("canopy.certificates.holds", "reason", hold.get().reason().name().toLowerCase()).increment();
            LOG.infof("account %s, %s held: feed %s, %s", key.accountId(), key.period(), hold.get().feedId(),
                    hold.get().detail());
        }
        periods.recordHold(key, today, hold.get());
        return false;
    }

    /**
     * Operator close of a month, before its close date and whatever holds it if need be, for one
     * dealer or for every dealer whose business time has passed the month's end. The month must have
     * ended in the business time of the dealer(s) closed.
     *
     * @return the dealers it was closed for
     */
    public OperatorClose closeByOperator(YearMonth period, Optional<UUID> dealerId) {
        Map<UUID, LocalDate> todays = QuarkusTransaction.requiringNew().call(() -> dealerId
                .map(d -> businessTime.today(d).map(t -> Map.of(d, t)).orElse(Map.of()))
                .orElseGet(businessTime::all));
        List<UUID> ended = todays.entrySet().stream().filter(e -> CloseRule.hasEnded(period, e.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
        if (ended.isEmpty()) {
            String whose = dealerId.map(d -> "dealer " + d + "'s business time ("
                    + todays.values().stream().findFirst().map(LocalDate::toString).orElse("no night yet") + ")")
                    .orElse("the business time of any dealer");
            throw ProblemException.conflict("period " + period + " has not ended in " + whose
                    + "; an operator can close only an ended month");
        }
        QuarkusTransaction.requiringNew().run(() -> ended.forEach(d -> periods.recordOperatorClose(period, d, todays.get(d))));
        return new OperatorClose(ended, closeDue());
    }

    /** What an operator close did: the dealers the month was closed for, and the closer's pass. */
    public record OperatorClose(List<UUID> dealers, CloseReport report) {
    }

    private CloseReport sealClosingPeriods() {
        int closed = 0;
        List<UUID> issued = new ArrayList<>();
        while (true) {
            Optional<Optional<UUID>> sealed = QuarkusTransaction.requiringNew()
                    .call(() -> periods.lockNextClosing().map(this::seal));
            if (sealed.isEmpty()) {
                return new CloseReport(closed, List.copyOf(issued));
            }
            closed++;
            sealed.get().ifPresent(issued::add);
        }
    }

    /** Runs in the transaction holding the period's lock; returns the certificate id if one was issued. */
    private Optional<UUID> seal(ClosingPeriod closing) {
        PeriodKey key = closing.key();
        CertificateFigures figures = CertificateFigures.of(key.period(), deposits.countedIn(key), trees);
        if (figures.totalPages() < 0) {
            carryForward(closing, figures);
            return Optional.empty();
        }
        if (!issuePolicy.shouldIssue(figures)) {
            periods.markClosed(key, null);
            metrics.counter("canopy.certificates.periods_closed", "certificate", "none").increment();
            return Optional.empty();
        }
        UUID certificateId = DeterministicIds.certificate(key.accountId(), key.period());
        long turn = projects.strategy() == ProjectChoice.ROUND_ROBIN ? certificates.takeRotationTurn() : 0;
        LocalDate asOf = businessTime.today(closing.dealerId()).orElseThrow();
        StoredCertificate certificate = new StoredCertificate(certificateId, closing.dealerId(), key.accountId(),
                key.period(), figures.pages(), figures.priorPeriodPages(), figures.totalPages(), figures.trees(),
                projects.choose(closing.dealerId(), turn), figures.depositCount(), figures.seal(), asOf,
                Instant.now().truncatedTo(ChronoUnit.MICROS), accountNames.accountName(key.accountId()).orElse(null));
        certificates.insertCertificate(certificate);
        outbox.append(event(certificate), Topics.CERTIFICATES);
        periods.markClosed(key, certificateId);
        metrics.counter("canopy.certificates.periods_closed", "certificate", "issued").increment();
        LOG.infof("certificate %s issued: account %s, %s, %d pages (%d prior-period), %s trees", certificateId,
                key.accountId(), key.period(), figures.totalPages(), figures.priorPeriodPages(), figures.trees());
        return Optional.of(certificateId);
    }

    /**
     * A month whose corrections outweigh its pages (metering's negative adjustments, e.g. a vendor
     * lowering a day it had reported) cannot be certified: trees are never negative. Its deposits
     * go, whole, into the account's next month that is not closed yet, where they show on the
     * prior-period line; the sum of all certificates stays the ledger's total. Runs in the
     * transaction holding this period's lock; later periods are locked in ascending order, as the
     * deposit consumer does.
     */
    private void carryForward(ClosingPeriod closing, CertificateFigures figures) {
        PeriodKey key = closing.key();
        LocalDate today = businessTime.today(closing.dealerId()).orElseThrow();
        YearMonth into = key.period().plusMonths(1);
        while (periods.lockPeriodStatus(key.accountId(), into).filter(s -> s == PeriodStatus.CLOSED).isPresent()) {
            into = into.plusMonths(1);
        }
        periods.openPeriodIfAbsent(key.accountId(), into, closing.dealerId());
        periods.carryInto(key, into);
        if (closeRule.isDue(into, today) || periods.closedByOperator(closing.dealerId(), into)) {
            periods.startClosing(new PeriodKey(key.accountId(), into)); // sealed later in this same pass
        }
        metrics.counter("canopy.certificates.periods_closed", "certificate", "carried-forward").increment();
        LOG.infof("account %s, %s closed with %d pages (negative): no certificate, its %d deposits carry into %s",
                key.accountId(), key.period(), figures.totalPages(), figures.depositCount(), into);
    }

    static CertificateIssued event(StoredCertificate c) {
        return new CertificateIssued(c.certificateId(), c.dealerId(), c.accountId(), c.period().toString(), c.pages(),
                c.priorPeriodPages(), c.totalPages(), c.trees(), c.forestryProject(), c.depositCount(), c.seal(), c.asOf(),
                c.issuedAt(), c.accountName());
    }
}
