package io.canopy.simulator.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every request a simulated server received, with start and end, so tests can assert read-only
 * access, serial-per-server behaviour and back-off. Bounded: the oldest entries fall off.
 */
public final class RequestLog {

    /** @param startNanos / endNanos monotonic (System.nanoTime) for overlap checks */
    public record Entry(String vendor, String server, String method, String path, String query, int status,
            Instant startedAt, long startNanos, long endNanos) {
    }

    private static final int CAPACITY = 200_000;
    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    /**
     * Entries held, counted apart: {@link ConcurrentLinkedQueue#size()} walks the whole queue, and
     * doing that on every request made a night's 10,000+ calls quadratic on the event loop.
     */
    private final AtomicInteger size = new AtomicInteger();

    public void add(Entry entry) {
        entries.add(entry);
        if (size.incrementAndGet() > CAPACITY && entries.poll() != null) {
            size.decrementAndGet();
        }
    }

    /** Entries held now (at most the capacity). */
    public int size() {
        return size.get();
    }

    public List<Entry> entries(String server) {
        List<Entry> result = new ArrayList<>();
        for (Entry e : entries) {
            if (server == null || server.equals(e.server())) {
                result.add(e);
            }
        }
        return result;
    }

    public void clear() {
        while (entries.poll() != null) {
            size.decrementAndGet();
        }
    }
}
