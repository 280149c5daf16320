package dev.accord.operations;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** PostgreSQL answers a query through the application's own pool. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    static final String NAME = "database";

    @Inject
    Pool pool;

    @ConfigProperty(name = "accord.health.timeout", defaultValue = "2s")
    Duration timeout;

    @Override
    public Uni<HealthCheckResponse> call() {
        // withConnection, not pool.query: see OutboxRelay#refreshBacklog.
        return DependencyChecks.check(NAME, "PostgreSQL", timeout,
                pool.withConnection(connection -> connection.query("select 1").execute()));
    }
}
