package io.canopy.certificate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.Trees;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DepositPlacementTest {

    private static final YearMonth JANUARY = YearMonth.of(2026, 1);
    private static final YearMonth FEBRUARY = YearMonth.of(2026, 2);
    private final DepositPlacement placement = new DepositPlacement(new CloseRule(3));

    @Test
    void aDepositCountsInItsOwnMonthWhileTheMonthIsOpenAndNotDue() {
        var placed = placement.place(JANUARY, LocalDate.of(2026, 2, 3), month -> Optional.of(view(PeriodStatus.OPEN)), m -> false, m -> false);
        assertThat(placed).isEqualTo(new Placement(JANUARY, false));
    }

    @Test
    void aDepositForAClosedMonthCountsInTheNextOpenMonthAsPriorPeriod() {
        var placed = placement.place(JANUARY, LocalDate.of(2026, 2, 10),
                month -> Optional.of(view(month.equals(JANUARY) ? PeriodStatus.CLOSED : PeriodStatus.OPEN)), m -> false,
                m -> false);
        assertThat(placed).isEqualTo(new Placement(FEBRUARY, true));
    }

    @Test
    void aDepositForAMonthThatIsClosingIsAlreadyLate() {
        var placed = placement.place(JANUARY, LocalDate.of(2026, 2, 2),
                month -> Optional.of(view(month.equals(JANUARY) ? PeriodStatus.CLOSING : PeriodStatus.OPEN)), m -> false,
                m -> false);
        assertThat(placed).isEqualTo(new Placement(FEBRUARY, true));
    }

    @Test
    void onceBusinessTimeReachesTheCloseDateTheMonthIsLateEvenBeforeTheCloserRan() {
        // The scheduler may not have sealed January yet: the outcome must not depend on when it runs.
        var placed = placement.place(JANUARY, LocalDate.of(2026, 2, 4), month -> Optional.of(view(PeriodStatus.OPEN)), m -> false, m -> false);
        assertThat(placed).isEqualTo(new Placement(FEBRUARY, true));
    }

    @Test
    void aMonthAnOperatorClosedIsLateForAccountsThatHadNoPeriodYet() {
        var placed = placement.place(JANUARY, LocalDate.of(2026, 2, 2), month -> Optional.empty(), JANUARY::equals, m -> false);
        assertThat(placed).isEqualTo(new Placement(FEBRUARY, true));
    }

    @Test
    void closedMonthsInARowAreSkippedUpToTheFirstThatAccepts() {
        var placed = placement.place(JANUARY, LocalDate.of(2026, 4, 2),
                month -> Optional.of(view(month.isBefore(YearMonth.of(2026, 3)) ? PeriodStatus.CLOSED : PeriodStatus.OPEN)),
                m -> false, m -> false);
        // March is not due until 4 April: a January backfill lands there.
        assertThat(placed).isEqualTo(new Placement(YearMonth.of(2026, 3), true));
    }

    @Test
    void aHeldMonthStillAcceptsDepositsDatedAfterItsNominalCloseDate() {
        // January is due on 4 February, but a stale feed holds it: the backfill of 6 February counts in January.
        var placed = placement.place(JANUARY, LocalDate.of(2026, 2, 6), month -> Optional.of(view(PeriodStatus.OPEN)),
                m -> false, JANUARY::equals);
        assertThat(placed).isEqualTo(new Placement(JANUARY, false));
    }

    @Test
    void onceAHoldEndedTheMonthAcceptsDepositsDatedBeforeItsFixedCloseDateOnly() {
        // The hold ended on 8 February: January closes with the night of the 9th.
        var january = Optional.of(new PeriodView(PeriodStatus.OPEN, LocalDate.of(2026, 2, 9), LocalDate.of(2026, 2, 4)));
        assertThat(placement.place(JANUARY, LocalDate.of(2026, 2, 8), m -> m.equals(JANUARY) ? january : Optional.empty(),
                m -> false, m -> false)).isEqualTo(new Placement(JANUARY, false));
        assertThat(placement.place(JANUARY, LocalDate.of(2026, 2, 9), m -> m.equals(JANUARY) ? january : Optional.empty(),
                m -> false, m -> true)).as("the fixed date wins over any hold found now")
                .isEqualTo(new Placement(FEBRUARY, true));
    }

    static PeriodView view(PeriodStatus status) {
        return new PeriodView(status, null, null);
    }

    /**
     * Whole-ledger property over random nights: deposits for any recent day (backfills reach months
     * back, adjustments are negative), business time advancing, the closer sealing due months and
     * operators closing ended ones. However that interleaves, every deposit is counted exactly once,
     * never by a period that had stopped accepting, never before its own month, and the
     * certificates' totals add up to the ledger's total exactly.
     */
    @Property(tries = 300)
    void certificatesAddUpToTheLedgerWhateverTheOrderOfNightsAndCloses(@ForAll("nights") List<Night> nights) {
        var model = new Model(new CloseRule(3));
        for (Night night : nights) {
            model.run(night);
        }
        model.run(new Night(model.today.plusMonths(3), List.of(), Optional.empty()));

        assertThat(model.certifiedTotal() + model.uncertifiedZeroTotals()).isEqualTo(model.ledgerTotal());
        assertThat(model.periods.values()).allMatch(status -> status == PeriodStatus.CLOSED);
    }

    @Provide
    Arbitrary<List<Night>> nights() {
        Arbitrary<Integer> step = Arbitraries.integers().between(0, 12);
        Arbitrary<List<DepositInput>> deposits = Arbitraries.integers().between(1, 80)
                .flatMap(back -> Arbitraries.longs().between(-500, 20_000).map(pages -> new DepositInput(back, pages)))
                .list().ofMaxSize(6);
        Arbitrary<Optional<Integer>> operatorClose = Arbitraries.integers().between(1, 3).optional(0.15);
        return net.jqwik.api.Combinators.combine(step, deposits, operatorClose)
                .as((days, ds, close) -> new NightStep(days, ds, close)).list().ofMaxSize(40)
                .map(steps -> {
                    List<Night> out = new ArrayList<>();
                    LocalDate day = LocalDate.of(2026, 1, 10);
                    for (NightStep s : steps) {
                        day = day.plusDays(s.days());
                        out.add(new Night(day, s.deposits(), s.operatorCloseMonthsBack()));
                    }
                    return out;
                });
    }

    record DepositInput(int daysBack, long pages) {
    }

    record NightStep(int days, List<DepositInput> deposits, Optional<Integer> operatorCloseMonthsBack) {
    }

    record Night(LocalDate asOf, List<DepositInput> deposits, Optional<Integer> operatorCloseMonthsBack) {
    }

    /** One account's months, closed the way the service closes them. */
    static final class Model {
        final CloseRule rule;
        final DepositPlacement placement;
        final Map<YearMonth, PeriodStatus> periods = new HashMap<>();
        final Set<YearMonth> operatorClosed = new HashSet<>();
        final Map<YearMonth, List<CountedDeposit>> counted = new HashMap<>();
        final List<CertificateFigures> issued = new ArrayList<>();
        final IssuePolicy policy = new IssuePolicy(false);
        long ledgerTotal;
        long zeroTotals;
        LocalDate today = LocalDate.of(2026, 1, 1);

        Model(CloseRule rule) {
            this.rule = rule;
            this.placement = new DepositPlacement(rule);
        }

        void run(Night night) {
            today = night.asOf().isAfter(today) ? night.asOf() : today;
            for (DepositInput input : night.deposits()) {
                YearMonth own = YearMonth.from(night.asOf().minusDays(input.daysBack()));
                Placement placed = placement.place(own, today,
                        m -> Optional.ofNullable(periods.get(m)).map(DepositPlacementTest::view), operatorClosed::contains,
                        m -> false);
                assertThat(placed.countedIn().isBefore(own)).isFalse();
                assertThat(periods.getOrDefault(placed.countedIn(), PeriodStatus.OPEN)).isEqualTo(PeriodStatus.OPEN);
                assertThat(placed.priorPeriod()).isEqualTo(!placed.countedIn().equals(own));
                periods.putIfAbsent(placed.countedIn(), PeriodStatus.OPEN);
                counted.computeIfAbsent(placed.countedIn(), m -> new ArrayList<>())
                        .add(new CountedDeposit(UUID.randomUUID(), own, input.pages()));
                ledgerTotal += input.pages();
            }
            night.operatorCloseMonthsBack().map(back -> YearMonth.from(today).minusMonths(back))
                    .filter(month -> CloseRule.hasEnded(month, today)).ifPresent(operatorClosed::add);
            closeDue();
        }

        void closeDue() {
            periods.replaceAll((month, status) -> status == PeriodStatus.OPEN
                    && (rule.isDue(month, today) || operatorClosed.contains(month)) ? status.next() : status);
            periods.replaceAll((month, status) -> {
                if (status != PeriodStatus.CLOSING) {
                    return status;
                }
                var figures = CertificateFigures.of(month, counted.getOrDefault(month, List.of()), Trees.standard());
                if (policy.shouldIssue(figures)) {
                    issued.add(figures);
                } else {
                    zeroTotals += figures.totalPages();
                }
                return status.next();
            });
        }

        long certifiedTotal() {
            return issued.stream().mapToLong(CertificateFigures::totalPages).sum();
        }

        long uncertifiedZeroTotals() {
            return zeroTotals;
        }

        long ledgerTotal() {
            return ledgerTotal;
        }
    }
}
