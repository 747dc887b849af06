package io.canopy.kit.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One long-running loop's report card (a consumer's thread or channel, the outbox relay): the loop
 * says when it made progress, when it fails and when it recovers; {@link Workers} turns that into
 * readiness and liveness. Thread-safe: the loop writes, the health checks read.
 */
public final class Worker {

    private final String name;
    private final Clock clock;
    private volatile Thread thread;
    private volatile Instant lastProgress;
    private volatile boolean pending;
    private volatile String failure;
    private volatile Instant troubleSince;
    private volatile String stopped;

    Worker(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.lastProgress = clock.instant();
    }

    public String name() {
        return name;
    }

    /** The thread that runs the loop: if it ends while the loop is registered, the loop has died. */
    public Worker runsOn(Thread thread) {
        this.thread = thread;
        return this;
    }

    /** The loop did useful work (or found none to do): it is alive and not failing. */
    public void progressed() {
        lastProgress = clock.instant();
        failure = null;
        troubleSince = null;
    }

    /** Whether work waits for the loop (records polled, rows unpublished): only then can it be stuck. */
    public void pending(boolean workWaits) {
        if (workWaits && !pending) {
            // waiting starts now, not at the last progress of an idle loop
            lastProgress = clock.instant();
        }
        pending = workWaits;
    }

    /** The loop's last attempt failed and it will retry; {@code reason} names the fault, never a secret. */
    public void failing(String reason) {
        if (failure == null) {
            troubleSince = clock.instant();
        }
        failure = reason == null ? "failed" : reason;
    }

    /** The loop ended for a reason other than an orderly shutdown: readiness DOWN until it runs again. */
    public void stopped(String reason) {
        stopped = reason == null ? "stopped" : reason;
        troubleSince = troubleSince == null ? clock.instant() : troubleSince;
    }

    /** The loop runs again after {@link #stopped}. */
    public void restarted(Thread thread) {
        this.thread = thread;
        stopped = null;
        progressed();
    }

    /** Why the loop is not working right now, if it is not. */
    Optional<String> problem(Duration stuckAfter) {
        if (stopped != null) {
            return Optional.of("stopped: " + stopped);
        }
        Thread t = thread;
        if (t != null && !t.isAlive()) {
            return Optional.of("its thread " + t.getName() + " has ended");
        }
        if (failure != null) {
            return Optional.of("failing since " + troubleSince + ": " + failure);
        }
        Instant last = lastProgress;
        if (pending && Duration.between(last, clock.instant()).compareTo(stuckAfter) > 0) {
            return Optional.of("stuck: work pending and no progress since " + last);
        }
        return Optional.empty();
    }

    /** Since when the loop has had a problem (failing, stopped, dead, or the start of a stuck stretch). */
    Instant troubleSince(Duration stuckAfter) {
        if (troubleSince != null) {
            return troubleSince;
        }
        return lastProgress.plus(stuckAfter);
    }
}
