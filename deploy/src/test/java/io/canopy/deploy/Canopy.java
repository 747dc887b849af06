package io.canopy.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.canopy.contracts.Topics;

/**
 * What the deployment must agree with, written once from DESIGN.md: the services, who consumes
 * and produces which topic (the "Topics" table), and which database each data service owns.
 */
final class Canopy {

    private Canopy() {
    }

    /** The services of DESIGN.md's topics table: each has a KafkaUser, and most a database. */
    static final List<String> SERVICES = List.of("registry-service", "collector-service", "metering-service",
            "health-service", "certificate-service");

    /** The dealer dashboard: deployed like a service, but no Kafka, no database, only public APIs. */
    static final String DASHBOARD = "dashboard";

    /** Everything that runs as a Deployment behind a Service (probes, security, PDB, prod spread). */
    static final List<String> DEPLOYED = Stream.concat(SERVICES.stream(), Stream.of(DASHBOARD)).toList();

    /** The services whose public APIs the dashboard calls (DashboardConfig's CANOPY_DASHBOARD_SERVICES_*). */
    static final Map<String, String> DASHBOARD_CALLS = Map.of(
            "CANOPY_DASHBOARD_SERVICES_REGISTRY", "registry-service",
            "CANOPY_DASHBOARD_SERVICES_METERING", "metering-service",
            "CANOPY_DASHBOARD_SERVICES_HEALTH", "health-service",
            "CANOPY_DASHBOARD_SERVICES_CERTIFICATE", "certificate-service");

    /** Every topic that has a KafkaTopic: the contract topics and the dead-letter topic of each consumed one. */
    static final java.util.SortedSet<String> ALL_TOPICS = new java.util.TreeSet<>(
            java.util.stream.Stream.concat(Topics.ALL.stream(), Topics.DEAD_LETTERS.stream()).toList());

    /** DESIGN.md "Topics": producer → consumers, read per service. */
    static final Map<String, Set<String>> CONSUMES = Map.of(
            "registry-service", Set.of(Topics.COLLECTION_OUTCOMES, Topics.HEALTH),
            "collector-service", Set.of(Topics.COLLECTION_REQUESTS),
            "metering-service", Set.of(Topics.METER_READINGS),
            "health-service", Set.of(Topics.COLLECTION_OUTCOMES, Topics.DEPOSITS),
            // issue #16: nights move each dealer's business time; a month waits for stale or uncollected feeds
            "certificate-service", Set.of(Topics.DEPOSITS, Topics.COLLECTION_OUTCOMES, Topics.HEALTH));

    /** What a service produces: its events, and dead letters of what it consumes ({@code <topic>.dead-letter.v1}). */
    static final Map<String, Set<String>> PRODUCES = withDeadLetters(Map.of(
            "registry-service", Set.of(Topics.COLLECTION_REQUESTS),
            "collector-service", Set.of(Topics.METER_READINGS, Topics.COLLECTION_OUTCOMES, Topics.COLLECTION_REJECTED),
            "metering-service", Set.of(Topics.DEPOSITS),
            "health-service", Set.of(Topics.HEALTH),
            "certificate-service", Set.of(Topics.CERTIFICATES)));

    private static Map<String, Set<String>> withDeadLetters(Map<String, Set<String>> events) {
        Map<String, Set<String>> produces = new java.util.HashMap<>();
        events.forEach((service, topics) -> {
            Set<String> all = new java.util.HashSet<>(topics);
            CONSUMES.get(service).forEach(consumed -> all.add(Topics.deadLetterOf(consumed)));
            produces.put(service, Set.copyOf(all));
        });
        return Map.copyOf(produces);
    }

    /** DESIGN.md: kept indefinitely (public ledger and certificates). */
    static final Set<String> KEPT_FOREVER = Set.of(Topics.DEPOSITS, Topics.CERTIFICATES);

    /** CloudNativePG Cluster per data-owning service. */
    static final Map<String, String> DATABASES = Map.of(
            "registry-service", "registry-db",
            "metering-service", "metering-db",
            "health-service", "health-db",
            "certificate-service", "certificate-db");

    /**
     * Settings a service needs that its application.properties cannot show (they live in code or
     * in the launcher, local-stack's ServiceSpec.ALL): registry signs JWTs and calls collector; the
     * dashboard's settings are a @ConfigMapping whose defaults (127.0.0.1) live in code.
     */
    static final Map<String, Set<String>> EXTRA_REQUIRED_ENV = Map.of(
            "registry-service", Set.of("SMALLRYE_JWT_SIGN_KEY_LOCATION",
                    "QUARKUS_REST_CLIENT_COLLECTOR_URL", "CANOPY_COLLECTOR_SERVICE_TOKEN", "CANOPY_CREDENTIALS_KEYS_K1",
                    "CANOPY_ADMIN_TOKEN"),
            "collector-service", Set.of("CANOPY_COLLECTOR_SERVICE_TOKEN", "CANOPY_CREDENTIALS_KEYS_K1"),
            "metering-service", Set.of(),
            "health-service", Set.of(),
            "certificate-service", Set.of("CANOPY_ADMIN_TOKEN"),
            DASHBOARD, Set.of("CANOPY_DASHBOARD_SERVICES_REGISTRY", "CANOPY_DASHBOARD_SERVICES_METERING",
                    "CANOPY_DASHBOARD_SERVICES_HEALTH", "CANOPY_DASHBOARD_SERVICES_CERTIFICATE",
                    "CANOPY_DASHBOARD_SESSION_KEY"));
}
