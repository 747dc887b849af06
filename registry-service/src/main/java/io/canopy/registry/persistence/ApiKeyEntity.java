package io.canopy.registry.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A dealer API key: only the salted hash of its secret is stored (see ApiKeys). */
@Entity
@Table(name = "api_key")
public class ApiKeyEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "dealer_id", nullable = false)
    public UUID dealerId;

    public String label;

    @Column(nullable = false)
    public byte[] salt;

    @Column(name = "secret_hash", nullable = false)
    public byte[] secretHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public static List<ApiKeyEntity> ofDealer(UUID dealerId) {
        return list("dealerId = ?1 order by createdAt, id", dealerId);
    }

    public static Optional<ApiKeyEntity> ofDealer(UUID dealerId, UUID id) {
        return find("dealerId = ?1 and id = ?2", dealerId, id).firstResultOptional();
    }
}
