package io.canopy.e2e.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one timed night, and their one-line form that scripts read: numbers only after
 * {@code =}, {@code truth=ok} or {@code truth=FAILED}.
 */
public record NightFigures(int customers, int servers, double seconds, double boundSeconds, double meteringPerSecond,
        double rawPerSecond, long maxRssMb, boolean truthOk) {

    public double boundRatio() {
        return boundSeconds <= 0 ? 0 : seconds / boundSeconds;
    }

    public double rawRatio() {
        return meteringPerSecond <= 0 ? 0 : rawPerSecond / meteringPerSecond;
    }

    public String line() {
        return String.format(Locale.ROOT,
                "night: customers=%d servers=%d seconds=%.1f bound_seconds=%.1f bound_ratio=%.1f metering_per_s=%.0f"
                        + " raw_per_s=%.0f raw_ratio=%.1f max_rss_mb=%d truth=%s",
                customers, servers, seconds, boundSeconds, boundRatio(), meteringPerSecond, rawPerSecond, rawRatio(),
                maxRssMb, truthOk ? "ok" : "FAILED");
    }

    /** The key=value pairs of a figure line; fails on anything else (the smoke test's check that it parses). */
    public static Map<String, String> parse(String line) {
        if (!line.startsWith("night: ")) {
            throw new IllegalArgumentException("not a night figure line: " + line);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.substring("night: ".length()).split(" ")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("not key=value: '" + pair + "' in " + line);
            }
            if (kv[0].equals("truth")) {
                if (!kv[1].equals("ok") && !kv[1].equals("FAILED")) {
                    throw new IllegalArgumentException("truth must be ok or FAILED: " + line);
                }
            } else {
                Double.parseDouble(kv[1]); // numbers only
            }
            values.put(kv[0], kv[1]);
        }
        return values;
    }
}
