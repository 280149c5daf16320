package dev.accord.operations;

import dev.accord.eventstore.BrokerProbe;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** A Kafka broker answers. While it does not, commands are still accepted and wait in the outbox. */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements AsyncHealthCheck {

    static final String NAME = "kafka";

    @Inject
    BrokerProbe broker;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "accord.health.timeout", defaultValue = "2s")
    Duration timeout;

    @Override
    public Uni<HealthCheckResponse> call() {
        return DependencyChecks.check(NAME, "Kafka at " + bootstrapServers, timeout, broker.reachable(timeout));
    }
}
