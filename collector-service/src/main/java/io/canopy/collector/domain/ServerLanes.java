package io.canopy.collector.domain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Serial per server, parallel across servers (DESIGN.md rule 8): each server has a lane that runs
 * at most {@code maxConcurrency} collections at a time, in the order they were submitted; lanes of
 * different servers never wait for each other.
 */
public final class ServerLanes {

    private static final class Lane {
        int running;
        final Deque<Runnable> waiting = new ArrayDeque<>();
    }

    private final Map<UUID, Lane> lanes = new HashMap<>();

    /** Runs the work when the server has a free slot; the result completes when the work does. */
    public CompletionStage<Void> submit(UUID server, int maxConcurrency, Supplier<CompletionStage<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable start = () -> {
            CompletionStage<Void> stage;
            try {
                stage = work.get();
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((ok, failure) -> {
                release(server, Math.max(1, maxConcurrency));
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(null);
                }
            });
        };
        boolean runNow;
        synchronized (lanes) {
            Lane lane = lanes.computeIfAbsent(server, id -> new Lane());
            runNow = lane.running < Math.max(1, maxConcurrency);
            if (runNow) {
                lane.running++;
            } else {
                lane.waiting.add(start);
            }
        }
        if (runNow) {
            start.run();
        }
        return done;
    }

    private void release(UUID server, int maxConcurrency) {
        Runnable next;
        synchronized (lanes) {
            Lane lane = lanes.get(server);
            next = lane.waiting.poll();
            if (next == null) {
                lane.running--;
                if (lane.running == 0) {
                    lanes.remove(server);
                }
            }
        }
        if (next != null) {
            next.run();
        }
    }

    /** Collections running or waiting, across all servers. */
    public int size() {
        synchronized (lanes) {
            return lanes.values().stream().mapToInt(l -> l.running + l.waiting.size()).sum();
        }
    }
}
