package io.canopy.localstack;

/**
 * Logging of {@code ./canopy}'s own JVMs (launcher, PostgreSQL holder, demo). Libraries there (the
 * embedded-PostgreSQL library, Kafka's admin client) log through SLF4J; without a binding SLF4J
 * prints "No SLF4J providers were found" at every start, and with Quarkus' binding also on a
 * classpath it prints "multiple providers". So the binding is named explicitly — slf4j-simple,
 * warnings only (simplelogger.properties) — and SLF4J's own notices are kept to warnings.
 */
public final class LocalLogging {

    static final String PROVIDER = "org.slf4j.simple.SimpleServiceProvider";

    private LocalLogging() {
    }

    /** Call first thing in a main method, before anything logs. */
    public static void useSimpleLogger() {
        System.setProperty("slf4j.provider", PROVIDER);
        System.setProperty("slf4j.internal.verbosity", "WARN");
    }
}
