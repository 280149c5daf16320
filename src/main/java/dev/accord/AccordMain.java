package dev.accord;

import dev.accord.embedded.EmbeddedInfrastructure;
import dev.accord.embedded.EmbeddedLifecycle;
import dev.accord.embedded.EmbeddedSettings;
import dev.accord.embedded.EmbeddedStartupException;
import dev.accord.config.ProductionProfile;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.List;

/**
 * Starts Accord. Unless told otherwise it first starts its own PostgreSQL and Kafka, so that
 * one command runs it on a fresh machine; this has to happen before Quarkus starts, because
 * the datasource and the Kafka connector read their addresses while starting.
 * <p>
 * Nothing is embedded in the {@code prod} profile (which refuses to start unless it is given its
 * token key, external addresses and its own database password: {@link ProductionProfile}), with
 * {@code ACCORD_EMBEDDED_ENABLED=false}, or for whatever was given an address ({@code QUARKUS_DATASOURCE_REACTIVE_URL},
 * {@code KAFKA_BOOTSTRAP_SERVERS}). Tests do not come through here; they use
 * {@code dev.accord.testing.AccordInfrastructure}.
 */
@QuarkusMain
public final class AccordMain {

    static final String EMBEDDED_DEFAULT_PROFILE = "local";

    private AccordMain() {
    }

    public static void main(String... args) {
        EmbeddedInfrastructure infrastructure = null;
        try {
            EmbeddedSettings settings = EmbeddedSettings.fromEnvironment();
            chooseProfile(settings);
            if (settings.startsAnything()) {
                infrastructure = EmbeddedInfrastructure.start(settings);
            }
        } catch (EmbeddedStartupException e) {
            exit("Accord cannot start: " + e.getMessage());
        } catch (RuntimeException e) {
            // Not a known situation: the trace is worth having.
            e.printStackTrace();
            exit("Accord cannot start its embedded PostgreSQL and Kafka: " + e);
        }
        if (infrastructure != null) {
            // System properties outrank application.properties, and Quarkus reads them at start.
            infrastructure.quarkusConfig().forEach(System::setProperty);
            EmbeddedLifecycle.attach(infrastructure);
        }
        // Request targets are checked by the router, whose refusals Accord answers as problems
        // (http.RequestHeadLimits), instead of by the transport, which answers a bare 400.
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }

    /**
     * Quarkus runs a packaged jar in {@code prod} unless told otherwise; Accord keeps {@code prod}
     * for deployments that name it (containers, {@code k8s/}), where it must be fully configured, and
     * runs {@code java -jar} alone in the {@value #EMBEDDED_DEFAULT_PROFILE} profile: no
     * authentication, plain-text logs, Swagger UI.
     */
    private static void chooseProfile(EmbeddedSettings settings) {
        if (settings.production()) {
            List<String> refusals = ProductionProfile.refusalsInEnvironment();
            if (!refusals.isEmpty()) {
                exit("Accord cannot start in the prod profile:\n  - " + String.join("\n  - ", refusals));
            }
        } else if (settings.profile().isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            System.setProperty("quarkus.profile", EMBEDDED_DEFAULT_PROFILE);
        }
    }

    private static void exit(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
