package dev.accord.operations;

import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.stream.Collectors;

/** The projection's Kafka consumer, as the messaging connector reports it. */
@Readiness
@ApplicationScoped
public class ProjectionConsumerReadiness implements HealthCheck {

    static final String NAME = "projection-consumer";

    @Inject
    HealthCenter messaging;

    @Override
    public HealthCheckResponse call() {
        HealthReport report = messaging.getReadiness();
        if (report.isOk()) {
            return HealthCheckResponse.up(NAME);
        }
        return DependencyChecks.down(NAME, report.getChannels().stream()
                .filter(channel -> !channel.isOk())
                .map(channel -> channel.getChannel() + ": " + (channel.getMessage() == null
                        ? "its Kafka consumer reports not ready"
                        : channel.getMessage()))
                .collect(Collectors.joining("; ")));
    }
}
