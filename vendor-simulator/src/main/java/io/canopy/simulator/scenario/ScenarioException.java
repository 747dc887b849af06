package io.canopy.simulator.scenario;

/** A scenario file that cannot be used; the message names what is wrong and where. */
public class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
