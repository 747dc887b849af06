package io.canopy.collector.domain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * The bytes of vendor bodies the whole collector may hold at once, across every collection in
 * flight. Each collection limits what it reads by itself (max-body, max-pages, max-items); this caps
 * their sum, which nothing else did: at max-in-flight 256 a 256 MiB collector ran out of heap.
 *
 * <p>A collection opens an {@link Account}, reserves bytes before it buffers a body, and releases all
 * of them when its readings are published (or it failed, or was cancelled). A reservation that does
 * not fit waits, first come first served, instead of failing; the caller bounds the wait. One
 * reservation larger than the whole budget is granted when nothing else is held, so it runs alone
 * rather than never (it is capped by max-body anyway). And when every collection holding bytes waits
 * for more (each holds its earlier pages until it publishes), the first of them goes on over the
 * budget: without that they would wait on each other until their deadlines.
 *
 * <p>Thread-safe; waiting is a {@link CompletableFuture}, never a blocked thread (reservations are
 * made on event loops). Cancelling (or timing out) a waiting reservation's future withdraws it; if the
 * grant won the race, the bytes go back at once, so a cancelled or timed-out wait never leaks budget.
 */
public final class ByteBudget {

    private final long capacity;
    private long held;
    private long peak;
    /** Accounts holding more than zero bytes. */
    private int holders;
    private final Deque<Waiter> waiters = new ArrayDeque<>();

    private record Waiter(Account account, long bytes, CompletableFuture<Void> granted) {
    }

    public ByteBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("a byte budget must be positive");
        }
        this.capacity = capacity;
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes granted and not yet released. */
    public synchronized long held() {
        return held;
    }

    /** The most bytes ever held at once (what a test or a gauge compares with the capacity). */
    public synchronized long peak() {
        return peak;
    }

    public synchronized int waiting() {
        return waiters.size();
    }

    /** A collection's share: what it holds, released in one go when the collection ends. */
    public Account open() {
        return new Account();
    }

    /** What one collection holds of the budget. */
    public final class Account {
        private long holds;
        private boolean closed;

        private Account() {
        }

        /**
         * Reserves {@code bytes} for this collection: completed at once when they fit (or when nothing
         * at all is held and they exceed the whole budget), otherwise when enough is released. Cancel
         * the future to stop waiting.
         */
        public CompletableFuture<Void> reserve(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("cannot reserve a negative number of bytes");
            }
            CompletableFuture<Void> granted;
            java.util.List<Waiter> woken;
            synchronized (ByteBudget.this) {
                if (closed) {
                    return CompletableFuture.failedFuture(new IllegalStateException("the collection already released its bytes"));
                }
                if (bytes == 0 || (waiters.isEmpty() && fits(bytes))) {
                    grant(this, bytes);
                    return CompletableFuture.completedFuture(null);
                }
                granted = new CompletableFuture<>();
                waiters.addLast(new Waiter(this, bytes, granted));
                woken = grantWaiting(); // this wait may be the one that leaves nobody able to release
            }
            complete(woken);
            // A cancelled or timed-out wait (orTimeout) leaves the queue; a grant that raced it is handed back.
            granted.whenComplete((ok, failure) -> {
                if (failure != null) {
                    withdraw(granted);
                }
            });
            return granted;
        }

        /** Gives back part of what this collection holds (e.g. a page reservation above its real size). */
        public void release(long bytes) {
            java.util.List<Waiter> woken;
            synchronized (ByteBudget.this) {
                long back = Math.min(bytes, holds);
                holds -= back;
                held -= back;
                if (back > 0 && holds == 0) {
                    holders--;
                }
                woken = grantWaiting();
            }
            complete(woken);
        }

        /** Releases everything this collection holds and withdraws its waits; idempotent. */
        public void close() {
            java.util.List<Waiter> woken;
            java.util.List<CompletableFuture<Void>> abandoned = new java.util.ArrayList<>();
            synchronized (ByteBudget.this) {
                if (closed) {
                    return;
                }
                closed = true;
                waiters.removeIf(w -> {
                    if (w.account() == this) {
                        abandoned.add(w.granted());
                        return true;
                    }
                    return false;
                });
                held -= holds;
                if (holds > 0) {
                    holders--;
                }
                holds = 0;
                woken = grantWaiting();
            }
            abandoned.forEach(f -> f.cancel(false));
            complete(woken);
        }

        /** Bytes this collection holds now. */
        public long holds() {
            synchronized (ByteBudget.this) {
                return holds;
            }
        }
    }

    private boolean fits(long bytes) {
        return held + bytes <= capacity || held == 0;
    }

    private void grant(Account account, long bytes) {
        if (account.holds == 0 && bytes > 0) {
            holders++;
        }
        account.holds += bytes;
        held += bytes;
        peak = Math.max(peak, held);
    }

    /**
     * Grants waiters in arrival order while the first fits; returns them, to complete outside the lock.
     * One exception keeps collections from waiting on each other forever: a collection holds its
     * pages until it publishes, so when every collection holding bytes is itself waiting for more,
     * none will ever release; then the first of them goes on over the budget (by one page) instead
     * of all of them failing at their deadline.
     */
    private java.util.List<Waiter> grantWaiting() {
        java.util.List<Waiter> woken = new java.util.ArrayList<>();
        while (!waiters.isEmpty()) {
            Waiter next = fits(waiters.peekFirst().bytes()) ? waiters.peekFirst() : stuckHolder();
            if (next == null) {
                break;
            }
            waiters.remove(next);
            grant(next.account(), next.bytes());
            woken.add(next);
        }
        return woken;
    }

    /** The first waiting collection that holds bytes, when every collection holding bytes waits; else null. */
    private Waiter stuckHolder() {
        java.util.Set<Account> waitingHolders = new java.util.HashSet<>();
        Waiter first = null;
        for (Waiter w : waiters) {
            if (w.account().holds > 0) {
                waitingHolders.add(w.account());
                first = first == null ? w : first;
            }
        }
        return first != null && waitingHolders.size() == holders ? first : null;
    }

    /** Tells granted waiters; one cancelled meanwhile (it lost the race) gives its bytes straight back. */
    private static void complete(java.util.List<Waiter> woken) {
        for (Waiter w : woken) {
            if (!w.granted().complete(null)) {
                w.account().release(w.bytes());
            }
        }
    }

    /** A cancelled wait: still queued, it leaves; already granted (lost race), its bytes go back. */
    private void withdraw(CompletableFuture<Void> cancelled) {
        java.util.List<Waiter> woken;
        synchronized (this) {
            Waiter found = null;
            for (Waiter w : waiters) {
                if (w.granted() == cancelled) {
                    found = w;
                    break;
                }
            }
            if (found != null) {
                waiters.remove(found);
            }
            woken = grantWaiting();
        }
        complete(woken);
    }
}
