package io.canopy.collector.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The pod's collection slots, shared fairly between dealers: at most {@code maxRunning} collections
 * run at once, at most {@code maxPerDealer} of them for one dealer. A request over its dealer's cap waits in that dealer's queue
 * WITHOUT holding a slot, so a dealer whose servers are slow or hostile can never hold the slots every
 * other dealer needs. A freed slot goes to the waiting dealer with the fewest collections running (ties in
 * turn order). What waits is bounded by {@code maxWaiting}: past it the caller (the Kafka
 * consumer) is held back, as it was by the old global cap.
 */
public final class DealerSlots {

    private final int maxRunning;
    private final int maxPerDealer;
    private final int maxWaiting;
    private int running;
    private int waiting;
    private final Map<UUID, Integer> runningByDealer = new HashMap<>();
    /** Dealers with waiting work, in turn order: a dealer served goes to the back. */
    private final LinkedHashMap<UUID, Deque<Supplier<CompletionStage<Void>>>> queues = new LinkedHashMap<>();
    private final Deque<CompletableFuture<Void>> heldBack = new ArrayDeque<>();

    public DealerSlots(int maxRunning, int maxPerDealer, int maxWaiting) {
        this.maxRunning = Math.max(1, maxRunning);
        this.maxPerDealer = Math.max(1, maxPerDealer);
        this.maxWaiting = Math.max(0, maxWaiting);
    }

    /**
     * Queues the dealer's work; it starts when a slot and the dealer's turn allow, and its slot is
     * freed when the stage it returns completes.
     *
     * @return completes when the caller may offer the next piece of work (backpressure)
     */
    public CompletionStage<Void> admit(UUID dealer, Supplier<CompletionStage<Void>> work) {
        synchronized (this) {
            queues.computeIfAbsent(dealer, d -> new ArrayDeque<>()).add(work);
            waiting++;
        }
        dispatch();
        synchronized (this) {
            if (waiting <= maxWaiting) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> held = new CompletableFuture<>();
            heldBack.add(held);
            return held;
        }
    }

    private void dispatch() {
        List<Runnable> starts = new ArrayList<>();
        List<CompletableFuture<Void>> released = new ArrayList<>();
        synchronized (this) {
            while (running < maxRunning) {
                // The waiting dealer with the fewest collections running goes first; ties in turn order.
                UUID next = null;
                int fewest = maxPerDealer;
                for (UUID dealer : queues.keySet()) {
                    int busy = runningByDealer.getOrDefault(dealer, 0);
                    if (busy < fewest) {
                        next = dealer;
                        fewest = busy;
                    }
                }
                if (next == null) {
                    break;
                }
                Deque<Supplier<CompletionStage<Void>>> queue = queues.remove(next);
                Supplier<CompletionStage<Void>> work = queue.poll();
                if (!queue.isEmpty()) {
                    queues.put(next, queue); // to the back: the other dealers go first
                }
                running++;
                waiting--;
                runningByDealer.merge(next, 1, Integer::sum);
                UUID dealer = next;
                starts.add(() -> start(dealer, work));
            }
            while (!heldBack.isEmpty() && waiting <= maxWaiting) {
                released.add(heldBack.poll());
            }
        }
        released.forEach(f -> f.complete(null));
        starts.forEach(Runnable::run);
    }

    private void start(UUID dealer, Supplier<CompletionStage<Void>> work) {
        CompletionStage<Void> stage;
        try {
            stage = work.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((ok, failure) -> {
            synchronized (this) {
                running--;
                runningByDealer.computeIfPresent(dealer, (d, n) -> n <= 1 ? null : n - 1);
            }
            dispatch();
        });
    }

    /** Collections running now, across dealers. */
    public synchronized int running() {
        return running;
    }

    /** Collections admitted but not started (waiting for a slot or their dealer's turn). */
    public synchronized int waiting() {
        return waiting;
    }

    /** Collections of one dealer running now. */
    public synchronized int running(UUID dealer) {
        return runningByDealer.getOrDefault(dealer, 0);
    }
}
