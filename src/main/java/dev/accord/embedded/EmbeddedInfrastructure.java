package dev.accord.embedded;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * The PostgreSQL and Kafka Accord runs itself when it was not given external ones, and the
 * configuration that points Quarkus at them. Plain Java: the launcher starts it before Quarkus
 * exists, and the test resource before the application under test.
 */
public final class EmbeddedInfrastructure {

    private static final Logger LOG = Logger.getLogger(EmbeddedInfrastructure.class);

    /** The projection's consumer channel, as named in application.properties. */
    static final String PROJECTION_CHANNEL = "alignment-events";

    private final EmbeddedSettings settings;
    // Replaced only by withPostgresStopped and withKafkaStopped; guarded by this.
    private EmbeddedPostgres postgres;
    private EmbeddedKafka kafka;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean stopping;

    private EmbeddedInfrastructure(EmbeddedSettings settings, EmbeddedPostgres postgres, EmbeddedKafka kafka) {
        this.settings = settings;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * Starts what the settings ask for, both at once since neither needs the other. If one
     * fails, the other is stopped again before the failure is thrown.
     *
     * @throws EmbeddedStartupException with a message naming the setting to change
     */
    public static EmbeddedInfrastructure start(EmbeddedSettings settings) {
        long started = System.nanoTime();
        CompletableFuture<EmbeddedPostgres> postgres = settings.startsPostgres()
                ? async("postgres", () -> EmbeddedPostgres.start(settings.postgresDir(), settings.postgresPort()))
                : CompletableFuture.completedFuture(null);
        CompletableFuture<EmbeddedKafka> kafka = settings.startsKafka()
                ? async("kafka", () -> EmbeddedKafka.start(settings.kafkaDir(), settings.kafkaPort()))
                : CompletableFuture.completedFuture(null);
        RuntimeException postgresFailure = failureOf(postgres);
        RuntimeException kafkaFailure = failureOf(kafka);
        if (postgresFailure != null || kafkaFailure != null) {
            if (kafkaFailure == null) {
                kafka.join().close();
            }
            if (postgresFailure == null) {
                postgres.join().close();
            }
            throw postgresFailure != null
                    ? withHint(postgresFailure, settings, EmbeddedSettings.POSTGRES_PORT)
                    : withHint(kafkaFailure, settings, EmbeddedSettings.KAFKA_PORT);
        }
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(settings, postgres.join(), kafka.join());
        LOG.infof("Embedded infrastructure ready in %d ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return infrastructure;
    }

    private static <T> CompletableFuture<T> async(String name, Supplier<T> start) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(start.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "accord-embedded-" + name + "-start");
        thread.start();
        return result;
    }

    private static RuntimeException failureOf(CompletableFuture<?> start) {
        try {
            start.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static RuntimeException withHint(RuntimeException failure, EmbeddedSettings settings, String portSetting) {
        if (!(failure instanceof EmbeddedStartupException startup)) {
            return failure;
        }
        String hint = switch (startup.reason()) {
            case PORT_IN_USE -> "; choose another with " + EmbeddedSettings.environmentName(portSetting)
                    + " or -D" + portSetting;
            case DATA_DIR_IN_USE -> "; stop it or choose another directory with "
                    + EmbeddedSettings.environmentName(EmbeddedSettings.DATA_DIR) + " or -D" + EmbeddedSettings.DATA_DIR;
            default -> "";
        };
        return hint.isEmpty() ? failure : new EmbeddedStartupException(startup.reason(), failure.getMessage() + hint, failure);
    }

    public synchronized Optional<EmbeddedPostgres> postgres() {
        return Optional.ofNullable(postgres);
    }

    public synchronized Optional<EmbeddedKafka> kafka() {
        return Optional.ofNullable(kafka);
    }

    /**
     * Stops the broker, runs the action, then starts the broker again on the same port and
     * data, so that tests can show what Accord does while Kafka is unreachable.
     */
    public synchronized void withKafkaStopped(Runnable action) {
        if (kafka == null || stopping) {
            throw new IllegalStateException("no embedded Kafka is running");
        }
        kafka.close();
        try {
            action.run();
        } finally {
            kafka = EmbeddedKafka.start(settings.kafkaDir(), settings.kafkaPort());
        }
    }

    /**
     * Stops PostgreSQL, runs the action, then starts it again on the same port and data, so
     * that tests can show what Accord does while its database is unreachable.
     */
    public synchronized void withPostgresStopped(Runnable action) {
        if (postgres == null || stopping) {
            throw new IllegalStateException("no embedded PostgreSQL is running");
        }
        postgres.close();
        try {
            action.run();
        } finally {
            postgres = EmbeddedPostgres.start(settings.postgresDir(), settings.postgresPort());
        }
    }

    /**
     * Where Quarkus finds the embedded servers; only for those that were started, so external
     * settings stay untouched. Static membership lets a restarted Accord take its partitions
     * back at once instead of waiting out the session of a consumer that died without leaving;
     * it is only safe because an embedded Kafka means a single Accord.
     */
    public synchronized Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        if (postgres != null) {
            config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
            config.put("quarkus.datasource.username", postgres.username());
            config.put("quarkus.datasource.password", postgres.password());
        }
        if (kafka != null) {
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            config.put("mp.messaging.incoming." + PROJECTION_CHANNEL + ".group.instance.id", "accord-embedded");
        }
        return config;
    }

    /**
     * Stops Kafka, then PostgreSQL; only the first call does anything, later ones return
     * at once. Kafka goes first so that nothing is still consuming when the database goes away.
     */
    public void stop() {
        EmbeddedKafka broker;
        EmbeddedPostgres database;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            broker = kafka;
            database = postgres;
        }
        try {
            if (broker != null) {
                broker.close();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Stopping the embedded Kafka failed");
        }
        try {
            if (database != null) {
                database.close();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Stopping the embedded PostgreSQL failed");
        } finally {
            stopped.countDown();
        }
    }

    /** Whether {@link #stop()} has finished within the given time. */
    public boolean awaitStopped(Duration timeout) {
        try {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }
}
