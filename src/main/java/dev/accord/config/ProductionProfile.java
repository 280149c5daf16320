package dev.accord.config;

import static dev.accord.embedded.EmbeddedSettings.environmentName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What the {@code prod} profile must be given before Accord starts in it: a real deployment runs
 * against its own PostgreSQL and Kafka with its own credentials, and refuses unauthenticated
 * calls. Checked by the launcher before Quarkus runs (so nothing half-starts and the reason is the
 * last thing printed), from system properties and environment variables, which is how containers
 * and {@code k8s/} configure it.
 */
public final class ProductionProfile {

    /** The database password application.properties falls back to; never acceptable in prod. */
    static final String DEFAULT_DATABASE_PASSWORD = "accord";

    private ProductionProfile() {
    }

    /** Every reason not to start, each naming the setting and its environment variable; empty: start. */
    public static List<String> refusals(UnaryOperator<String> setting) {
        Settings settings = new Settings(setting);
        List<String> refusals = new ArrayList<>();
        if (settings.absent("mp.jwt.verify.publickey.location") && settings.absent("mp.jwt.verify.publickey")) {
            refusals.add("no key to verify bearer tokens: set " + settings.named("mp.jwt.verify.publickey.location")
                    + " (a PEM public key or a JWKS URL) or " + settings.named("mp.jwt.verify.publickey"));
        }
        if (settings.absent("mp.jwt.verify.issuer")) {
            refusals.add("no token issuer to check: set " + settings.named("mp.jwt.verify.issuer"));
        }
        if ("false".equals(settings.value("accord.auth.enabled").toLowerCase(Locale.ROOT))) {
            refusals.add(settings.named("accord.auth.enabled") + " is false; prod always authenticates");
        }
        for (String address : List.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
                "kafka.bootstrap.servers")) {
            if (settings.absent(address)) {
                refusals.add("no external address: set " + settings.named(address)
                        + " (prod never starts an embedded PostgreSQL or Kafka)");
            }
        }
        String password = settings.value("quarkus.datasource.password");
        if (password.isEmpty() || password.equals(DEFAULT_DATABASE_PASSWORD)) {
            refusals.add("the database password is the default one: set "
                    + settings.named("quarkus.datasource.password") + " to the deployment's own");
        }
        return refusals;
    }

    /** System properties first, then environment variables, as MicroProfile Config ranks them. */
    public static List<String> refusalsInEnvironment() {
        return refusals(property -> {
            String value = System.getProperty(property);
            return value != null && !value.isBlank() ? value : System.getenv(environmentName(property));
        });
    }

    private record Settings(UnaryOperator<String> lookup) {

        String value(String property) {
            String value = lookup.apply(property);
            return value == null ? "" : value.trim();
        }

        boolean absent(String property) {
            return value(property).isEmpty();
        }

        String named(String property) {
            return property + " (" + environmentName(property) + ")";
        }
    }
}
