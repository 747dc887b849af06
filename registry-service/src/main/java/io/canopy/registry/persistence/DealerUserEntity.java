package io.canopy.registry.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A person who signs in for a dealer. {@code passwordHash} is bcrypt and null while the invitation
 * is pending; only the invitation token's SHA-256 is kept. Neither ever leaves registry.
 */
@Entity
@Table(name = "dealer_user")
public class DealerUserEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "dealer_id", nullable = false)
    public UUID dealerId;

    @Column(nullable = false)
    public String email;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(nullable = false)
    public String role;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_sign_in_at")
    public Instant lastSignInAt;

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "invitation_token_hash")
    public byte[] invitationTokenHash;

    @Column(name = "invitation_expires_at")
    public Instant invitationExpiresAt;

    public boolean pending() {
        return passwordHash == null;
    }

    @Override
    public String toString() {
        return "DealerUser[id=" + id + ", dealer=" + dealerId + ", role=" + role + "]";
    }

    public static List<DealerUserEntity> ofDealer(UUID dealerId) {
        return list("dealerId = ?1 order by createdAt, id", dealerId);
    }

    public static Optional<DealerUserEntity> ofDealer(UUID dealerId, UUID id) {
        return find("dealerId = ?1 and id = ?2", dealerId, id).firstResultOptional();
    }

    /** Locked for the sign-in transaction, so concurrent wrong passwords are all counted. */
    public static Optional<DealerUserEntity> byEmailForUpdate(String email) {
        return find("email", email).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static boolean emailTaken(String email) {
        return count("email", email) > 0;
    }

    public static Optional<DealerUserEntity> byInvitationForUpdate(byte[] tokenHash) {
        return find("invitationTokenHash", tokenHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static long activeAdmins(UUID dealerId) {
        return count("dealerId = ?1 and role = 'admin' and passwordHash is not null", dealerId);
    }
}
