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
 * </ul>
 *
 * @param pathContains only requests whose path contains this (e.g. {@code /meter})
 * @param times        how many requests a counted fault applies to (default 1)
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
        String pathContains) {

    public int timesOrDefault() {
        return times == null ? 1 : times;
    }
}
