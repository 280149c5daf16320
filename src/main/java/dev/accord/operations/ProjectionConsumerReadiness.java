package dev.accord.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The projection: its Kafka consumer, as the messaging connector reports it, and how far each
 * read model is behind the event store. A replica whose read models lag past
 * {@code accord.readiness.max-lag-events} or {@code accord.readiness.max-lag-seconds} is taken
 * out of traffic until they catch up, since its reads would be that stale.
 * <p>
 * The lag is the one {@code /q/metrics} shows ({@code accord.projection.lag.*}), measured
 * against the store every {@code accord.projection.status-interval}: the check itself queries
 * nothing, so probes cost the database nothing.
 */
@Readiness
@ApplicationScoped
public class ProjectionConsumerReadiness implements HealthCheck {

    static final String NAME = "projection-consumer";
    static final String LAG_EVENTS = "accord.projection.lag.events";
    static final String LAG_SECONDS = "accord.projection.lag.seconds";

    @Inject
    HealthCenter messaging;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "accord.readiness.max-lag-events", defaultValue = "100000")
    long maxLagEvents;

    @ConfigProperty(name = "accord.readiness.max-lag-seconds", defaultValue = "300s")
    Duration maxLagSeconds;

    @Override
    public HealthCheckResponse call() {
        HealthReport report = messaging.getReadiness();
        if (!report.isOk()) {
            return DependencyChecks.down(NAME, report.getChannels().stream()
                    .filter(channel -> !channel.isOk())
                    .map(channel -> channel.getChannel() + ": " + (channel.getMessage() == null
                            ? "its Kafka consumer reports not ready"
                            : channel.getMessage()))
                    .collect(Collectors.joining("; ")));
        }
        List<String> lagging = lagging(meters, maxLagEvents, maxLagSeconds);
        return lagging.isEmpty() ? HealthCheckResponse.up(NAME) : DependencyChecks.down(NAME, String.join("; ", lagging));
    }

    /** Each read model over a threshold, as a sentence naming the model, its lag and the threshold. */
    static List<String> lagging(MeterRegistry meters, long maxEvents, Duration maxSeconds) {
        List<String> lagging = new ArrayList<>();
        for (Gauge gauge : meters.find(LAG_EVENTS).gauges()) {
            long events = (long) gauge.value();
            if (events > maxEvents) {
                lagging.add("read model " + gauge.getId().getTag("projection") + " is " + events
                        + " events behind the store (accord.readiness.max-lag-events=" + maxEvents + ")");
            }
        }
        double limit = maxSeconds.toMillis() / 1000.0;
        for (Gauge gauge : meters.find(LAG_SECONDS).gauges()) {
            double seconds = gauge.value();
            if (seconds > limit) {
                lagging.add("read model " + gauge.getId().getTag("projection") + " is " + Math.round(seconds)
                        + " s behind the store (accord.readiness.max-lag-seconds=" + maxSeconds.toSeconds() + "s)");
            }
        }
        return lagging;
    }
}
