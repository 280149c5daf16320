package dev.accord.embedded;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.accord.embedded.EmbeddedStartupException.Reason;

/**
 * What the launcher must start before Quarkus runs.
 * <p>
 * Read from system properties, then environment variables, then the defaults below:
 * {@code application.properties} is not readable yet at that point, so the defaults live
 * here and nowhere else in the code (the README's configuration table lists them).
 *
 * @param dataDir          absolute; PostgreSQL lives in {@code postgres/}, Kafka in {@code kafka/}
 * @param externalDatabase a datasource URL was given, so PostgreSQL is not embedded
 * @param externalKafka    bootstrap servers were given, so Kafka is not embedded
 * @param postgresPassword the embedded PostgreSQL's {@code accord} role password; when absent, one is
 *                         generated on the first start and kept in the data directory
 */
public record EmbeddedSettings(String profile, boolean enabled, Path dataDir, int kafkaPort, int postgresPort,
        boolean externalDatabase, boolean externalKafka, Optional<String> postgresPassword) {

    public static final String ENABLED = "accord.embedded.enabled";
    public static final String DATA_DIR = "accord.embedded.data-dir";
    public static final String KAFKA_PORT = "accord.embedded.kafka-port";
    public static final String POSTGRES_PORT = "accord.embedded.postgres-port";
    public static final String POSTGRES_PASSWORD = "accord.embedded.postgres-password";

    static final boolean DEFAULT_ENABLED = true;
    static final String DEFAULT_DATA_DIR = "./accord-data";
    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int DEFAULT_POSTGRES_PORT = 5433;

    private static final String PROFILE = "quarkus.profile";
    private static final String PROD_PROFILE = "prod";
    private static final String DATABASE_URL = "quarkus.datasource.reactive.url";
    private static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";

    public EmbeddedSettings {
        dataDir = dataDir.toAbsolutePath().normalize();
        postgresPassword = postgresPassword.filter(password -> !password.isEmpty());
    }

    /** With a generated PostgreSQL password. */
    public EmbeddedSettings(String profile, boolean enabled, Path dataDir, int kafkaPort, int postgresPort,
            boolean externalDatabase, boolean externalKafka) {
        this(profile, enabled, dataDir, kafkaPort, postgresPort, externalDatabase, externalKafka, Optional.empty());
    }

    public static EmbeddedSettings fromEnvironment() {
        return resolve(System::getProperty, System::getenv);
    }

    /** Visible for tests, which pass maps instead of the real process environment. */
    static EmbeddedSettings resolve(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        Lookup lookup = new Lookup(systemProperties, environment);
        return new EmbeddedSettings(
                lookup.value(PROFILE, ""),
                lookup.bool(ENABLED, DEFAULT_ENABLED),
                Path.of(lookup.value(DATA_DIR, DEFAULT_DATA_DIR)),
                lookup.port(KAFKA_PORT, DEFAULT_KAFKA_PORT),
                lookup.port(POSTGRES_PORT, DEFAULT_POSTGRES_PORT),
                !lookup.value(DATABASE_URL, "").isEmpty(),
                !lookup.value(KAFKA_BOOTSTRAP, "").isEmpty(),
                Optional.of(lookup.value(POSTGRES_PASSWORD, "")));
    }

    /** Both servers on ports free right now, as the tests need them. */
    public static EmbeddedSettings onFreePorts(Path dataDir) {
        int[] ports = Ports.free(2);
        return new EmbeddedSettings("test", true, dataDir, ports[0], ports[1], false, false);
    }

    public boolean startsPostgres() {
        return embeddedAllowed() && !externalDatabase;
    }

    public boolean startsKafka() {
        return embeddedAllowed() && !externalKafka;
    }

    public boolean startsAnything() {
        return startsPostgres() || startsKafka();
    }

    /** {@code prod} is a real deployment: it must fail on missing configuration, never improvise servers. */
    private boolean embeddedAllowed() {
        return enabled && !production();
    }

    /** The {@code prod} profile was named explicitly ({@code java -jar} alone is the embedded default). */
    public boolean production() {
        return Arrays.stream(profile.split(",")).map(String::trim).anyMatch(PROD_PROFILE::equals);
    }

    Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    /** Never the password: settings are logged and end up in exception messages. */
    @Override
    public String toString() {
        return "EmbeddedSettings[profile=" + profile + ", enabled=" + enabled + ", dataDir=" + dataDir + ", kafkaPort="
                + kafkaPort + ", postgresPort=" + postgresPort + ", externalDatabase=" + externalDatabase
                + ", externalKafka=" + externalKafka + ", postgresPassword=" + postgresPassword.map(p -> "***")
                        .orElse("(generated)") + "]";
    }

    /** The environment variable MicroProfile Config maps to a property name. */
    public static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private record Lookup(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {

        String value(String property, String fallback) {
            String value = systemProperties.apply(property);
            if (value == null || value.isBlank()) {
                value = environment.apply(environmentName(property));
            }
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        boolean bool(String property, boolean fallback) {
            String value = value(property, Boolean.toString(fallback)).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true", "yes", "y", "on", "1" -> true;
                case "false", "no", "n", "off", "0" -> false;
                default -> throw invalid(property, value, "true or false");
            };
        }

        int port(String property, int fallback) {
            String value = value(property, Integer.toString(fallback));
            try {
                int port = Integer.parseInt(value);
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(property, value, "a port number between 1 and 65535");
        }

        private static EmbeddedStartupException invalid(String property, String value, String expected) {
            return new EmbeddedStartupException(Reason.INVALID_SETTING, property + " (" + environmentName(property)
                    + ") must be " + expected + ", not '" + value + "'");
        }
    }
}
