package dev.accord.eventstore;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reactive pool every command and read goes through, with deadlines Quarkus does not
 * expose as settings: when PostgreSQL is away a request fails within them (and is answered 503)
 * instead of queueing for the driver's defaults of a minute and more. Open transactions are
 * never cut short here, so a 503 never hides a command that goes on to be recorded.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    @ConfigProperty(name = "accord.database.connect-timeout", defaultValue = "1s")
    Duration connectTimeout;

    @ConfigProperty(name = "accord.database.acquire-timeout", defaultValue = "2s")
    Duration acquireTimeout;

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = input.pgConnectOptionsList().stream()
                .map(options -> (SqlConnectOptions) new PgConnectOptions(options)
                        .setConnectTimeout((int) connectTimeout.toMillis()))
                .toList();
        PoolOptions pool = new PoolOptions(input.poolOptions())
                .setConnectionTimeout((int) acquireTimeout.toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgBuilder.pool().with(pool).connectingTo(servers).using(input.vertx()).build();
    }
}
