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
 * The pod's collection slots, shared fairly between dealers, and the servers' lanes (DESIGN.md rule 8:
 * serial per server, parallel across servers). At most {@code maxRunning} collections run at once, at
 * most {@code maxPerDealer} of them for one dealer, and at most a server's {@code maxConcurrency} (default
 * 1) for one server, in the order they were admitted.
 *
 * <p>Work waits WITHOUT holding a slot, whether it waits for its dealer's turn or behind its own server:
 * a slot is taken only by work that can start at once. (When the lane was a second queue behind the
 * slots, a request queued behind its busy server held one of the dealer's slots doing nothing, so a
 * night's requests for a few servers could keep every other server of that dealer, or of the pod, idle.)
 * A freed slot goes to the waiting dealer with the fewest collections running (ties in turn order), and
 * within a dealer to its servers in turn. What waits is bounded by {@code maxWaiting}: past it the caller
 * (the Kafka consumer) is held back.
 *
 * <p>A server id belongs to one dealer (registry registers servers per dealer); its lane is the dealer's
 * that first sent work for it.
 */
public final class DealerSlots {

    /** One server's queue: its work waits here until the server has room and a slot is free. */
    private static final class Lane {
        final UUID server;
        final UUID dealer;
        int maxConcurrency = 1;
        int running;
        boolean ready;
        final Deque<Supplier<CompletionStage<Void>>> waiting = new ArrayDeque<>();

        Lane(UUID server, UUID dealer) {
            this.server = server;
            this.dealer = dealer;
        }
    }

    private final int maxRunning;
    private final int maxPerDealer;
    private final int maxWaiting;
    private int running;
    private int waiting;
    private final Map<UUID, Integer> runningByDealer = new HashMap<>();
    private final Map<UUID, Lane> lanes = new HashMap<>();
    /**
     * Dealers with a ready lane (waiting work whose server has room), in turn order: a dealer served
     * goes to the back; within a dealer, a lane served goes to the back of its dealer's lanes.
     */
    private final LinkedHashMap<UUID, Deque<Lane>> ready = new LinkedHashMap<>();
    private final Deque<CompletableFuture<Void>> heldBack = new ArrayDeque<>();

    public DealerSlots(int maxRunning, int maxPerDealer, int maxWaiting) {
        this.maxRunning = Math.max(1, maxRunning);
        this.maxPerDealer = Math.max(1, maxPerDealer);
        this.maxWaiting = Math.max(0, maxWaiting);
    }

    /** Work of its own (a lane of its own): limited only by the slots and its dealer's share. */
    public CompletionStage<Void> admit(UUID dealer, Supplier<CompletionStage<Void>> work) {
        return admit(dealer, UUID.randomUUID(), 1, work);
    }

    /**
     * Queues the work of a dealer's server; it starts when the server's lane, a slot and the dealer's
     * turn allow, and its slot (and its place in the lane) is freed when the stage it returns completes.
     *
     * @return completes when the caller may offer the next piece of work (backpressure)
     */
    public CompletionStage<Void> admit(UUID dealer, UUID server, int maxConcurrency, Supplier<CompletionStage<Void>> work) {
        synchronized (this) {
            Lane lane = lanes.computeIfAbsent(server, s -> new Lane(s, dealer));
            lane.maxConcurrency = Math.max(1, maxConcurrency);
            lane.waiting.add(work);
            waiting++;
            markReady(lane);
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

    /** Puts the lane in its dealer's ready queue when it has waiting work and room to run it. */
    private void markReady(Lane lane) {
        if (!lane.ready && !lane.waiting.isEmpty() && lane.running < lane.maxConcurrency) {
            ready.computeIfAbsent(lane.dealer, d -> new ArrayDeque<>()).add(lane);
            lane.ready = true;
        }
    }

    private void dispatch() {
        List<Runnable> starts = new ArrayList<>();
        List<CompletableFuture<Void>> released = new ArrayList<>();
        synchronized (this) {
            while (running < maxRunning) {
                // The ready dealer with the fewest collections running goes first; ties in turn order.
                UUID next = null;
                int fewest = maxPerDealer;
                for (UUID dealer : ready.keySet()) {
                    int busy = runningByDealer.getOrDefault(dealer, 0);
                    if (busy < fewest) {
                        next = dealer;
                        fewest = busy;
                    }
                }
                if (next == null) {
                    break;
                }
                Deque<Lane> dealerLanes = ready.remove(next);
                Lane lane = dealerLanes.poll();
                lane.ready = false;
                if (!dealerLanes.isEmpty()) {
                    ready.put(next, dealerLanes); // to the back: the other dealers go first
                }
                Supplier<CompletionStage<Void>> work = lane.waiting.poll();
                lane.running++;
                running++;
                waiting--;
                runningByDealer.merge(next, 1, Integer::sum);
                markReady(lane); // a server allowing more than one at a time goes behind its dealer's others
                starts.add(() -> start(lane, work));
            }
            while (!heldBack.isEmpty() && waiting <= maxWaiting) {
                released.add(heldBack.poll());
            }
        }
        released.forEach(f -> f.complete(null));
        starts.forEach(Runnable::run);
    }

    private void start(Lane lane, Supplier<CompletionStage<Void>> work) {
        CompletionStage<Void> stage;
        try {
            stage = work.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((ok, failure) -> {
            synchronized (this) {
                running--;
                lane.running--;
                runningByDealer.computeIfPresent(lane.dealer, (d, n) -> n <= 1 ? null : n - 1);
                markReady(lane);
                if (lane.running == 0 && lane.waiting.isEmpty()) {
                    lanes.remove(lane.server);
                }
            }
            dispatch();
        });
    }

    /** Collections running now, across dealers. */
    public synchronized int running() {
        return running;
    }

    /** Collections admitted but not started (waiting for a slot, their dealer's turn or their server). */
    public synchronized int waiting() {
        return waiting;
    }

    /** Collections of one dealer running now. */
    public synchronized int running(UUID dealer) {
        return runningByDealer.getOrDefault(dealer, 0);
    }

    /** Collections of one server running now. */
    public synchronized int runningOn(UUID server) {
        Lane lane = lanes.get(server);
        return lane == null ? 0 : lane.running;
    }
}
