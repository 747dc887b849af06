package io.canopy.certificate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SealTest {

    @Test
    void sealIsTheSha256OfTheSortedIdsOnePerLineAsSortAndSha256sumWouldCompute() throws Exception {
        UUID b = UUID.fromString("b0000000-0000-8000-8000-000000000000");
        UUID a = UUID.fromString("a0000000-0000-8000-8000-000000000000");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((a + "\n" + b + "\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(Seal.of(List.of(b, a))).isEqualTo(expected).hasSize(64);
    }

    @Test
    void idsSortAsTextNotAsSignedLongs() {
        // UUID.compareTo would put 8... (a negative long) before 1...; text order puts 1... first.
        UUID high = UUID.fromString("80000000-0000-8000-8000-000000000000");
        UUID low = UUID.fromString("10000000-0000-8000-8000-000000000000");
        assertThat(Seal.sortedIds(List.of(high, low))).containsExactly(low.toString(), high.toString());
    }

    @Property
    void sealDoesNotDependOnArrivalOrder(@ForAll @IntRange(min = 0, max = 50) int count, @ForAll long seed) {
        List<UUID> ids = randomIds(count, seed);
        List<UUID> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(Seal.of(shuffled)).isEqualTo(Seal.of(ids));
    }

    @Property
    void removingOrAddingAnyDepositChangesTheSeal(@ForAll @IntRange(min = 1, max = 30) int count, @ForAll long seed) {
        List<UUID> ids = randomIds(count, seed);
        List<UUID> fewer = ids.subList(1, ids.size());
        List<UUID> more = new ArrayList<>(ids);
        more.add(UUID.randomUUID());
        assertThat(Seal.of(fewer)).isNotEqualTo(Seal.of(ids));
        assertThat(Seal.of(more)).isNotEqualTo(Seal.of(ids));
    }

    static final YearMonth JAN = YearMonth.of(2026, 1);
    static final List<CountedDeposit> COVERED = List.of(
            new CountedDeposit(UUID.fromString("a0000000-0000-8000-8000-000000000000"), JAN, 900),
            new CountedDeposit(UUID.fromString("b0000000-0000-8000-8000-000000000000"), JAN, -100));

    @Test
    void checkIsValidWhenSealCountAndPagesAllAgreeWithTheDeposits() {
        Seal.Check check = Seal.check(Seal.of(COVERED.stream().map(CountedDeposit::depositId).toList()), 2, 800, COVERED);
        assertThat(check.valid()).isTrue();
        assertThat(check.recomputedSeal()).isEqualTo(check.seal());
        assertThat(check.recomputedDepositCount()).isEqualTo(2);
        assertThat(check.recomputedTotalPages()).isEqualTo(800);
    }

    @Test
    void checkIsInvalidWhenADepositIsMissingFromTheProjection() {
        String seal = Seal.of(COVERED.stream().map(CountedDeposit::depositId).toList());
        Seal.Check check = Seal.check(seal, 2, 800, COVERED.subList(0, 1));
        assertThat(check.valid()).isFalse();
        assertThat(check.recomputedSeal()).isNotEqualTo(seal);
        assertThat(check.recomputedDepositCount()).isEqualTo(1);
        assertThat(check.recomputedTotalPages()).isEqualTo(900);
    }

    @Test
    void checkIsInvalidWhenOnlyTheCertificatesFiguresWereTamperedWith() {
        String seal = Seal.of(COVERED.stream().map(CountedDeposit::depositId).toList());
        assertThat(Seal.check(seal, 2, 801, COVERED).valid()).as("pages").isFalse();
        assertThat(Seal.check(seal, 3, 800, COVERED).valid()).as("count").isFalse();
        assertThat(Seal.check("0".repeat(64), 2, 800, COVERED).valid()).as("seal").isFalse();
    }

    private static List<UUID> randomIds(int count, long seed) {
        Random random = new Random(seed);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()));
        }
        return ids;
    }
}
