package io.canopy.contracts.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.VendorType;

/**
 * Ids derived from content (DESIGN.md rule 1): the same fact always gets the same id, so
 * re-processing produces duplicates that every consumer recognises as no-ops.
 *
 * <p>An id is a UUID version 8 (RFC 9562 "custom") made from the first 128 bits of SHA-256 over a
 * kind tag and the fields, each length-prefixed so that no two field lists can collide by
 * concatenation ("ab","c" vs "a","bc").
 */
public final class DeterministicIds {

    private DeterministicIds() {
    }

    /** request id = H(feedId, window, purpose). */
    public static UUID collectionRequest(UUID feedId, DateWindow window, CollectionPurpose purpose) {
        return of("collection-request", feedId, window.from(), window.to(), purpose.name());
    }

    /** A server check has no feed or window: it is identified by server and the moment it was scheduled. */
    public static UUID serverCheck(UUID serverId, Instant scheduledAt) {
        return of("server-check", serverId, scheduledAt);
    }

    /** snapshot id = H(vendor, serverId, deviceId, readingTime). */
    public static UUID meterSnapshot(VendorType vendor, UUID serverId, String deviceId, Instant readingTime) {
        return of("meter-snapshot", vendor.wireName(), serverId, deviceId, readingTime);
    }

    /** One feed-day of vendor volumes as reported by one request. */
    public static UUID usageAggregate(UUID feedId, LocalDate serviceDate, UUID requestId) {
        return of("usage-aggregate", feedId, serviceDate, requestId);
    }

    /** deposit id = H(feedId, serviceDate, requestId). */
    public static UUID deposit(UUID feedId, LocalDate serviceDate, UUID requestId) {
        return of("deposit", feedId, serviceDate, requestId);
    }

    /** A backfill belongs to a feed's unhealthy episode, identified by the day it started. */
    public static UUID backfill(UUID feedId, LocalDate episodeStart) {
        return of("backfill", feedId, episodeStart);
    }

    /** One certificate per account and month. */
    public static UUID certificate(UUID accountId, YearMonth period) {
        return of("certificate", accountId, period);
    }

    /** Id of an event that is one of a kind per another id (e.g. the outcome of a request). */
    public static UUID derived(String kind, Object... fields) {
        return of(kind, fields);
    }

    static UUID of(String kind, Object... fields) {
        MessageDigest sha256 = sha256();
        update(sha256, kind);
        for (Object field : fields) {
            update(sha256, field == null ? "\u0000null" : field.toString());
        }
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
        long high = hash.getLong();
        long low = hash.getLong();
        high = (high & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_8000L; // version 8
        low = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(high, low);
    }

    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
