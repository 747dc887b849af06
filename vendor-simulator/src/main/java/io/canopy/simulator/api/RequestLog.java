package io.canopy.simulator.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

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

    public void add(Entry entry) {
        entries.add(entry);
        while (entries.size() > CAPACITY) {
            entries.poll();
        }
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
        entries.clear();
    }
}
