package io.canopy.localstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Canopy service as the launcher knows it, in one place: its module, its local port (DESIGN.md
 * "Embedded default"), the database it owns, and what it gets besides the environment every service
 * gets (port, Kafka, datasource, admin token, JWT public key): its own settings and exactly the
 * secrets it needs (least privilege: the sealing key and service token only to registry and
 * collector, the JWT signing key only to registry). Adding a service is one entry in {@link #ALL}.
 */
public record ServiceSpec(String module, PortSetting port, Optional<String> database, Environment environment) {

    /** What a service's environment may draw on: generated secrets, the other services' URLs, the user's env. */
    public interface Context {
        LocalSecrets secrets();

        String serviceUrl(String module);

        /** The user's value for a variable, else the local default. */
        String setting(String variable, String localDefault);
    }

    /** The service's own settings and secrets. */
    @FunctionalInterface
    public interface Environment {
        void addTo(Map<String, String> env, Context context);
    }

    public static final String REGISTRY = "registry-service";
    public static final String COLLECTOR = "collector-service";
    public static final String METERING = "metering-service";
    public static final String HEALTH = "health-service";
    public static final String CERTIFICATE = "certificate-service";
    public static final String DASHBOARD = "dashboard";

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec(REGISTRY, new PortSetting("CANOPY_REGISTRY_PORT", 8081), Optional.of("registry"),
                    (env, ctx) -> {
                        env.put("CANOPY_JWT_PRIVATE_KEY", ctx.secrets().jwtPrivateKey().toString());
                        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", ctx.secrets().jwtPrivateKey().toString());
                        env.put("CANOPY_COLLECTOR_URL", ctx.serviceUrl(COLLECTOR));
                        env.put("QUARKUS_REST_CLIENT_COLLECTOR_URL", ctx.serviceUrl(COLLECTOR));
                        env.put("CANOPY_COLLECTOR_SERVICE_TOKEN", ctx.secrets().serviceToken());
                        sealingKey(env, ctx);
                        // Registry checks vendor URLs too; the local simulator is plain http on loopback.
                        env.put("CANOPY_REGISTRY_ALLOW_INSECURE_HTTP", "true");
                        // SSRF guard: of all internal addresses only the local simulator may be a vendor server
                        env.put("CANOPY_COLLECTOR_ALLOWED_PRIVATE_HOSTS", simulatorAddress(ctx));
                        // Locally nights are run on demand (POST /admin/v1/collection-runs, ./canopy demo): no
                        // wall-clock 02:00 run mixing today's date into simulated business time, and an
                        // unhealthy server is re-checked within seconds instead of every 30 minutes.
                        env.put("CANOPY_REGISTRY_NIGHTLY_CRON", ctx.setting("CANOPY_REGISTRY_NIGHTLY_CRON", "off"));
                        env.put("CANOPY_REGISTRY_SERVER_CHECK_INTERVAL", "5s");
                        env.put("CANOPY_REGISTRY_SERVER_CHECK_POLL_EVERY", "1s");
                    }),
            new ServiceSpec(COLLECTOR, new PortSetting("CANOPY_COLLECTOR_PORT", 8082), Optional.empty(),
                    (env, ctx) -> {
                        env.put("CANOPY_COLLECTOR_SERVICE_TOKEN", ctx.secrets().serviceToken());
                        sealingKey(env, ctx);
                        // The simulator speaks plain http on loopback; production vendors are https only.
                        env.put("CANOPY_COLLECTOR_ALLOW_INSECURE_HTTP", "true");
                        // The SSRF guard refuses loopback: allow exactly the simulator's address, nothing else.
                        env.put("CANOPY_COLLECTOR_ALLOWED_PRIVATE_HOSTS", simulatorAddress(ctx));
                    }),
            new ServiceSpec(METERING, new PortSetting("CANOPY_METERING_PORT", 8083), Optional.of("metering"),
                    (env, ctx) -> {
                    }),
            new ServiceSpec(HEALTH, new PortSetting("CANOPY_HEALTH_PORT", 8084), Optional.of("health"),
                    (env, ctx) -> {
                    }),
            new ServiceSpec(CERTIFICATE, new PortSetting("CANOPY_CERTIFICATE_PORT", 8085), Optional.of("certificate"),
                    (env, ctx) -> env.put("CANOPY_CERTIFICATES_PUBLIC_URL", ctx.serviceUrl(CERTIFICATE))),
            // The dealer dashboard: pages over the services' public APIs; no database, no secrets but its cookie key.
            new ServiceSpec(DASHBOARD, new PortSetting("CANOPY_DASHBOARD_PORT", 8080), Optional.empty(),
                    (env, ctx) -> {
                        env.put("CANOPY_DASHBOARD_SERVICES_REGISTRY", ctx.serviceUrl(REGISTRY));
                        env.put("CANOPY_DASHBOARD_SERVICES_METERING", ctx.serviceUrl(METERING));
                        env.put("CANOPY_DASHBOARD_SERVICES_HEALTH", ctx.serviceUrl(HEALTH));
                        env.put("CANOPY_DASHBOARD_SERVICES_CERTIFICATE", ctx.serviceUrl(CERTIFICATE));
                        env.put("CANOPY_DASHBOARD_SESSION_KEY", ctx.secrets().dashboardSessionKey());
                        // http://127.0.0.1 locally: a Secure cookie would never be sent back
                        env.put("CANOPY_DASHBOARD_SECURE_COOKIES", "false");
                    }));

    public static ServiceSpec named(String module) {
        return ALL.stream().filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module));
    }

    /** The port override variable: CANOPY_REGISTRY_PORT, CANOPY_COLLECTOR_PORT, ... */
    public String portVariable() {
        return port.variable();
    }

    public int defaultPort() {
        return port.defaultPort();
    }

    /** Only the settings and secrets this service gets of its own (the common ones are the launcher's). */
    public Map<String, String> ownEnvironment(Context context) {
        Map<String, String> env = new LinkedHashMap<>();
        environment.addTo(env, context);
        return env;
    }

    /** {@code 127.0.0.1:<simulator port>}: the one internal address a local run allow-lists as a vendor server. */
    static String simulatorAddress(Context ctx) {
        return "127.0.0.1:" + ctx.setting(PortSetting.SIMULATOR.variable(), Integer.toString(PortSetting.SIMULATOR.defaultPort()));
    }

    private static void sealingKey(Map<String, String> env, Context ctx) {
        env.put("CANOPY_CREDENTIALS_KEYS_K1", ctx.secrets().sealingKey());
        env.put("CANOPY_CREDENTIALS_ACTIVE_KEY", "k1");
    }
}
