package io.canopy.localstack;

/**
 * The two roles of a service's database (least privilege, issue #17), named as CloudNativePG names
 * them in deploy/k8s: the OWNER {@code <db>} owns the database, its schema and tables, and only
 * Flyway connects as it ({@code quarkus.flyway.username}); the RUNTIME role {@code <db>_app} is what
 * the service connects as ({@code quarkus.datasource.username}). It owns nothing: the migrations
 * grant it row privileges (service-kit's {@code R__service_kit_runtime_role_grants.sql}), so it can
 * neither rewrite an append-only table nor disable the trigger that guards it.
 *
 * <p>The passwords are for local stacks only (a loopback PostgreSQL, trust authentication when
 * embedded): fixed, so that every JVM and every restart of {@code ./canopy up} agrees on them.
 */
public record DatabaseRoles(String database, String owner, String ownerPassword, String runtime, String runtimePassword) {

    static final String RUNTIME_SUFFIX = "_app";
    private static final String LOCAL_PASSWORD_SUFFIX = "-local";

    public static DatabaseRoles of(String database) {
        String runtime = database + RUNTIME_SUFFIX;
        return new DatabaseRoles(database, database, database + LOCAL_PASSWORD_SUFFIX, runtime,
                runtime + LOCAL_PASSWORD_SUFFIX);
    }

    @Override
    public String toString() {
        return "DatabaseRoles[database=" + database + ", owner=" + owner + ", runtime=" + runtime + "]";
    }
}
