package io.canopy.localstack;

import java.util.Map;

/**
 * One local port: the environment variable that overrides it and its default (DESIGN.md "Embedded
 * default"). Every port of the local stack is named exactly once, here or in {@link ServiceSpec}.
 */
public record PortSetting(String variable, int defaultPort) {

    public static final PortSetting KAFKA = new PortSetting("CANOPY_KAFKA_PORT", 9092);
    public static final PortSetting POSTGRES = new PortSetting("CANOPY_PG_PORT", 5433);
    public static final PortSetting SIMULATOR = new PortSetting("CANOPY_SIMULATOR_PORT", 8099);

    /** The KRaft controller listens next to the broker unless told otherwise. */
    public static int kafkaController(Map<String, String> env) {
        return new PortSetting("CANOPY_KAFKA_CONTROLLER_PORT", KAFKA.resolve(env) + 1).resolve(env);
    }

    /** The override from {@code env}, else the default; a value that is not a port is an error naming the variable. */
    public int resolve(Map<String, String> env) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number (1-65535), got '" + value + "'");
        }
    }
}
