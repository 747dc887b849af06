package io.canopy.registry.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A started collection run (a night) by business date; the latest is registry's business "today". */
@Entity
@Table(name = "collection_run")
public class CollectionRunEntity extends PanacheEntityBase {

    @Id
    @Column(name = "as_of")
    public LocalDate asOf;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(nullable = false)
    public int requested;

    /** The latest business date a run was started for (DESIGN.md rule 12). */
    public static Optional<LocalDate> latestAsOf() {
        return Optional.ofNullable(getEntityManager()
                .createQuery("select max(r.asOf) from CollectionRunEntity r", LocalDate.class).getSingleResult());
    }
}
