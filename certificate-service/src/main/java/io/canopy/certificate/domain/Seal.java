package io.canopy.certificate.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The seal of a certificate: SHA-256, lower-case hex, over the deposit ids it covers, each in its
 * canonical lower-case 36-character form followed by a line feed, sorted as text. Anyone holding
 * the deposit ids (every subscriber of {@code canopy.deposits.v1}) can recompute it:
 * {@code sort ids.txt | sha256sum}.
 *
 * <p>Sorted as text, not by {@link UUID#compareTo} (which compares signed longs and would disagree
 * with every other language's sort).
 */
public final class Seal {

    /** How the seal is made, in words a verifier can follow. */
    public static final String ALGORITHM = "SHA-256 over the sorted deposit ids, one per line";

    private Seal() {
    }

    /**
     * A certificate's claim (its seal, deposit count and pages) against what its deposits say now.
     * {@code valid} only when all three agree: a changed, missing or added deposit shows in the seal,
     * and the figures catch a tampered certificate whose seal was left alone.
     */
    public record Check(boolean valid, String seal, String recomputedSeal, int depositCount, int recomputedDepositCount,
            long totalPages, long recomputedTotalPages) {
    }

    /** Recomputes the seal and the figures of a certificate from the deposits its period counts now. */
    public static Check check(String seal, int depositCount, long totalPages, Collection<CountedDeposit> covered) {
        String recomputed = of(covered.stream().map(CountedDeposit::depositId).toList());
        long total = covered.stream().mapToLong(CountedDeposit::standardPages).sum();
        boolean valid = recomputed.equals(seal) && covered.size() == depositCount && total == totalPages;
        return new Check(valid, seal, recomputed, depositCount, covered.size(), totalPages, total);
    }

    /** The ids in the order the seal covers them. */
    public static List<String> sortedIds(Collection<UUID> depositIds) {
        return depositIds.stream().map(UUID::toString).distinct().sorted().toList();
    }

    public static String of(Collection<UUID> depositIds) {
        MessageDigest sha256 = sha256();
        for (String id : sortedIds(depositIds)) {
            sha256.update((id + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
