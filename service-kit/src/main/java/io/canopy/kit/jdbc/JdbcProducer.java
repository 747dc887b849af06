package io.canopy.kit.jdbc;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes {@link Jdbc} on the service's default datasource injectable. {@code Instance}, because the
 * collector depends on service-kit too and has no datasource: nothing there asks for a Jdbc.
 */
@ApplicationScoped
public class JdbcProducer {

    @Produces
    @Singleton
    Jdbc jdbc(Instance<DataSource> dataSource) {
        return new Jdbc(dataSource.get());
    }
}
