package io.canopy.registry.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Wrong-password count of an email that belongs to no user, keyed by the hex SHA-256 of the folded
 * email: it makes the 429 after five tries look the same for every email (see V3__dealer_users.sql).
 */
@Entity
@Table(name = "sign_in_throttle")
public class SignInThrottleEntity extends PanacheEntityBase {

    @Id
    @Column(name = "email_hash")
    public String emailHash;

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
