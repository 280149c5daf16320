package dev.accord.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the outbox backlog beside the database and Kafka checks. A backlog alone does not
 * make Accord unready: only a relay whose rounds fail does, and it says why.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    @Inject
    OutboxRelay relay;

    void registerGauge(@Observes StartupEvent startup, MeterRegistry meters) {
        Gauge.builder("accord.outbox.backlog", relay, OutboxRelay::backlog)
                .description("Events, alignment states and signals recorded but not yet acknowledged by Kafka")
                .register(meters);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox")
                .withData("backlog", relay.backlog())
                .withData("published", relay.publishedCount());
        return relay.failure()
                .map(reason -> response.down().withData("reason", "events cannot be published: " + reason))
                .orElseGet(response::up)
                .build();
    }
}
