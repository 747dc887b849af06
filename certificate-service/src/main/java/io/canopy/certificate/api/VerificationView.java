package io.canopy.certificate.api;

import java.util.UUID;

/**
 * The answer of {@code /verify}: the seal and figures stored on the certificate next to those
 * recomputed now from the deposit projection. {@code valid} only when all of them agree.
 */
public record VerificationView(UUID certificateId, boolean valid, String seal, String recomputedSeal, int depositCount,
        int recomputedDepositCount, long totalPages, long recomputedTotalPages, String algorithm) {
}
