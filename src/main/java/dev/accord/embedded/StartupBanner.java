package dev.accord.embedded;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * Tells whoever started Accord where everything is, once the HTTP port listens: a script that
 * waits for "Accord is ready" may call the API at once. (The application's StartupEvent comes
 * before the HTTP server binds its port; HttpServerStart is fired once it has.)
 */
@ApplicationScoped
class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    void print(@ObservesAsync HttpServerStart started) {
        if (LaunchMode.current() == LaunchMode.TEST) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        String base = "http://localhost:" + config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        Optional<EmbeddedInfrastructure> embedded = EmbeddedLifecycle.attached();
        Optional<EmbeddedKafka> kafka = embedded.flatMap(EmbeddedInfrastructure::kafka);
        Optional<EmbeddedPostgres> postgres = embedded.flatMap(EmbeddedInfrastructure::postgres);

        String bootstrap = config.getOptionalValue("kafka.bootstrap.servers", String.class).orElse("localhost:9092");
        String database = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                .or(() -> config.getOptionalValue("quarkus.datasource.reactive.url", String.class))
                .map(StartupBanner::withoutSecrets)
                .orElse("(not configured)");
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("(none)");

        LOG.infof("""
                Accord is ready
                  API         %1$s/api/v1
                  Swagger UI  %1$s/q/swagger-ui
                  OpenAPI     %1$s/q/openapi
                  Health      %1$s/q/health
                  Kafka       %2$s  %3$s
                  Database    %4$s  user %5$s  %6$s
                  Auth        %7$s""",
                base,
                bootstrap, kafka.map(k -> "(embedded, data in " + k.dataDirectory() + ")").orElse("(external)"),
                database, user,
                postgres.map(StartupBanner::embeddedDatabase).orElse("(external)"),
                config.getOptionalValue("accord.auth.enabled", Boolean.class).orElse(false)
                        ? "on: bearer tokens required (README \"Authentication\")"
                        : "OFF: anyone who can reach this port may read and write; set ACCORD_AUTH_ENABLED=true");
    }

    /*
     * Passwords are never printed, not even the application role's: console output ends up in
     * shared terminals, CI logs and support tickets. The banner says where to read them.
     */
    static String embeddedDatabase(EmbeddedPostgres postgres) {
        return "(embedded, data in " + postgres.dataDirectory() + ", password in " + postgres.credentialsFile()
                + ", readable by its owner only)";
    }

    /** External URLs may carry a password, which has no place in a log. */
    static String withoutSecrets(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***")
                .replaceAll("//([^/:@]+):[^/@]*@", "//$1:***@");
    }
}
