package io.canopy.simulator.scenario;

/**
 * A request-level fault on one server, from the scenario file or {@code POST /_sim/faults}.
 *
 * <ul>
 * <li>{@code status}: answer {@code status} (e.g. 503) to the next {@code times} requests</li>
 * <li>{@code rate_limit}: 429 with {@code Retry-After: retry_after} seconds</li>
 * <li>{@code truncated}: a 200 whose JSON body is cut in half</li>
 * <li>{@code hang}: answer only after {@code ms} milliseconds (client time-outs)</li>
 * <li>{@code invalid}: MPS Monitor 200 with {@code IsValid:false} and error {@code code}</li>
 * <li>{@code latency}: every request waits {@code ms} ± {@code jitter_ms} (persistent)</li>
 * <li>{@code revoke_credentials} / {@code restore_credentials}: auth fails until restored</li>
 * <li>{@code expire_tokens}: OneStop forgets every issued token (the next call gets 401)</li>
 * <li>{@code disable_integration} / {@code enable_integration}: Printanista 409 for {@code customer}</li>
 * <li>{@code slow_drip}: the normal answer, trickled one byte every {@code ms} (default 500) milliseconds, so
 * no silence is ever long enough for a read timeout</li>
 * <li>{@code gzip_bomb}: a 200 with {@code Content-Encoding: gzip} whose small body inflates to {@code bytes}
 * (default 256 MiB) of blanks</li>
 * <li>{@code huge_body}: a 200 that streams {@code bytes} (default 64 MiB) of JSON (an array of blanks), chunked
 * (no Content-Length to warn the client)</li>
 * <li>{@code endless_paging}: paged lists never end (persistent, like latency): MPS Monitor's {@code TotalRows}
 * always says one more row follows, Print Tracker pages are always full ({@code limit} items)</li>
 * </ul>
 *
 * @param pathContains only requests whose path contains this (e.g. {@code /meter})
 * @param times        how many requests a counted fault applies to (default 1)
 * @param bytes        body size of {@code gzip_bomb} (inflated) and {@code huge_body}
 */
public record FaultSpec(
        String server,
        String type,
        Integer status,
        Integer times,
        Integer retryAfter,
        Integer ms,
        Integer jitterMs,
        String code,
        String customer,
        String pathContains,
        Long bytes) {

    /** A fault without a body size (the faults before {@code bytes} existed). */
    public FaultSpec(String server, String type, Integer status, Integer times, Integer retryAfter, Integer ms,
            Integer jitterMs, String code, String customer, String pathContains) {
        this(server, type, status, times, retryAfter, ms, jitterMs, code, customer, pathContains, null);
    }

    public long bytesOr(long fallback) {
        return bytes == null || bytes <= 0 ? fallback : bytes;
    }

    public int timesOrDefault() {
        return times == null ? 1 : times;
    }
}
