package io.canopy.certificate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

    private static List<UUID> randomIds(int count, long seed) {
        Random random = new Random(seed);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()));
        }
        return ids;
    }
}
