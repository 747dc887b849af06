package io.canopy.certificate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.Trees;

class CertificateFiguresTest {

    private static final YearMonth FEBRUARY = YearMonth.of(2026, 2);
    private final Trees trees = Trees.standard();

    @Test
    void treesComeFromTheExactTotalWithTwoDecimals() {
        var figures = CertificateFigures.of(FEBRUARY, List.of(deposit(FEBRUARY, 2_000_000), deposit(FEBRUARY, 469_134)),
                trees);
        assertThat(figures.totalPages()).isEqualTo(2_469_134);
        assertThat(figures.trees().toPlainString()).isEqualTo("296.31");
        assertThat(CertificateFigures.of(FEBRUARY, List.of(deposit(FEBRUARY, 1_234)), trees).trees().toPlainString())
                .isEqualTo("0.15");
    }

    @Test
    void earlierMonthsArePriorPeriodPagesAndIncludedInTheTotal() {
        var figures = CertificateFigures.of(FEBRUARY, List.of(deposit(FEBRUARY, 1_000), deposit(FEBRUARY.minusMonths(1), 250),
                deposit(FEBRUARY.minusMonths(3), -50)), trees);
        assertThat(figures.pages()).isEqualTo(1_000);
        assertThat(figures.priorPeriodPages()).isEqualTo(200);
        assertThat(figures.totalPages()).isEqualTo(1_200);
        assertThat(figures.depositCount()).isEqualTo(3);
    }

    @Test
    void treesAreNotTheSumOfRoundedParts() {
        // 4,166 pages are 0.49992 trees each (0.50 displayed); together 1.00 — not 0.50 + 0.50 rounded separately by luck.
        var figures = CertificateFigures.of(FEBRUARY, List.of(deposit(FEBRUARY, 4_166), deposit(FEBRUARY.minusMonths(1), 4_168)),
                trees);
        assertThat(figures.trees().toPlainString()).isEqualTo("1.00");
        assertThat(trees.of(4_166).add(trees.of(4_168)).toPlainString()).isEqualTo("1.00");
        assertThat(trees.of(1).add(trees.of(1)).toPlainString()).isEqualTo("0.00");
        assertThat(CertificateFigures.of(FEBRUARY, List.of(deposit(FEBRUARY, 42), deposit(FEBRUARY, 42)), trees).trees()
                .toPlainString()).isEqualTo("0.01");
    }

    @Test
    void aLaterMonthCannotCountInAnEarlierCertificate() {
        assertThatThrownBy(() -> CertificateFigures.of(FEBRUARY, List.of(deposit(FEBRUARY.plusMonths(1), 1)), trees))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealCoversExactlyTheCountedDeposits() {
        var a = deposit(FEBRUARY, 10);
        var b = deposit(FEBRUARY, 20);
        var figures = CertificateFigures.of(FEBRUARY, List.of(b, a), trees);
        assertThat(figures.seal()).isEqualTo(Seal.of(List.of(a.depositId(), b.depositId())));
        assertThat(figures.depositIds()).isSorted().hasSize(2);
    }

    @Test
    void aMonthWithoutPagesGetsNoCertificateUnlessConfigured() {
        var empty = CertificateFigures.of(FEBRUARY, List.of(deposit(FEBRUARY, 30), deposit(FEBRUARY, -30)), trees);
        assertThat(new IssuePolicy(false).shouldIssue(empty)).isFalse();
        assertThat(new IssuePolicy(true).shouldIssue(empty)).isTrue();
        assertThat(new IssuePolicy(false).shouldIssue(CertificateFigures.of(FEBRUARY, List.of(deposit(FEBRUARY, 1)), trees)))
                .isTrue();
    }

    private static CountedDeposit deposit(YearMonth month, long pages) {
        return new CountedDeposit(UUID.randomUUID(), month, pages);
    }
}
