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

    private Seal() {
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
