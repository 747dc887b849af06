package io.canopy.health.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

import io.canopy.contracts.events.FailureKind;

/**
 * One observation of a server: a check or a collection that passed, or failed in a way that says
 * the server itself is broken. Ordered in business time (as_of, then the moment it happened); on
 * an exact tie the failure counts as the later one, so a server is never declared healthy by a
 * coin toss.
 *
 * @param kind   why it failed (absent when healthy)
 * @param detail the vendor's reason in words (absent when healthy)
 */
public record ServerSignal(LocalDate asOf, Instant at, boolean healthy, FailureKind kind, String detail)
        implements Comparable<ServerSignal> {

    private static final Comparator<ServerSignal> ORDER = Comparator.comparing(ServerSignal::asOf)
            .thenComparing(ServerSignal::at)
            .thenComparing(s -> !s.healthy)
            .thenComparing(s -> s.kind == null ? "" : s.kind.name())
            .thenComparing(s -> s.detail == null ? "" : s.detail);

    public ServerSignal {
        if (asOf == null || at == null) {
            throw new IllegalArgumentException("a server signal needs as_of and a moment");
        }
        if (!healthy && kind == null) {
            throw new IllegalArgumentException("a failed server signal needs its failure kind");
        }
        if (healthy) {
            kind = null;
            detail = null;
        }
    }

    public static ServerSignal passed(LocalDate asOf, Instant at) {
        return new ServerSignal(asOf, at, true, null, null);
    }

    public static ServerSignal failed(LocalDate asOf, Instant at, FailureKind kind, String detail) {
        return new ServerSignal(asOf, at, false, kind, detail);
    }

    @Override
    public int compareTo(ServerSignal other) {
        return ORDER.compare(this, other);
    }
}
