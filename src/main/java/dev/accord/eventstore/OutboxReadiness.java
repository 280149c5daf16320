package dev.accord.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the outbox backlog beside the database and Kafka checks. A backlog alone does not
 * make Accord unready: commands are still accepted and the events wait for the broker.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    @Inject
    OutboxRelay relay;

    void registerGauge(@Observes StartupEvent startup, MeterRegistry meters) {
        Gauge.builder("accord.outbox.backlog", relay, OutboxRelay::backlog)
                .description("Events recorded but not yet acknowledged by Kafka")
                .register(meters);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox")
                .up()
                .withData("backlog", relay.backlog())
                .withData("published", relay.publishedCount())
                .build();
    }
}
