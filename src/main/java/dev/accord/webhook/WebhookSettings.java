package dev.accord.webhook;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The {@code accord.webhooks.*} settings, checked when the replica starts: a setting that makes
 * no sense stops the start with its name, rather than showing later as deliveries that never
 * come or never stop.
 */
@ApplicationScoped
public class WebhookSettings {

    @ConfigProperty(name = "accord.webhooks.initial-backoff", defaultValue = "5s")
    Duration initialBackoff;

    @ConfigProperty(name = "accord.webhooks.max-backoff", defaultValue = "1h")
    Duration maxBackoff;

    @ConfigProperty(name = "accord.webhooks.retry-window", defaultValue = "24h")
    Duration retryWindow;

    @ConfigProperty(name = "accord.webhooks.connect-timeout", defaultValue = "5s")
    Duration connectTimeout;

    @ConfigProperty(name = "accord.webhooks.request-timeout", defaultValue = "10s")
    Duration requestTimeout;

    @ConfigProperty(name = "accord.webhooks.lease", defaultValue = "60s")
    Duration lease;

    @ConfigProperty(name = "accord.webhooks.poll-interval", defaultValue = "1s")
    Duration pollInterval;

    @ConfigProperty(name = "accord.webhooks.batch-size", defaultValue = "50")
    int batchSize;

    @ConfigProperty(name = "accord.webhooks.retention", defaultValue = "7d")
    Duration retention;

    void check(@Observes StartupEvent startup) {
        validate();
    }

    void validate() {
        atLeast("accord.webhooks.initial-backoff", initialBackoff, Duration.ofMillis(10));
        atLeast("accord.webhooks.max-backoff", maxBackoff, initialBackoff);
        atLeast("accord.webhooks.retry-window", retryWindow, initialBackoff);
        atLeast("accord.webhooks.connect-timeout", connectTimeout, Duration.ofMillis(100));
        atLeast("accord.webhooks.request-timeout", requestTimeout, connectTimeout);
        // A lease shorter than one delivery would let another replica claim a row still in flight.
        atLeast("accord.webhooks.lease", lease, connectTimeout.plus(requestTimeout).multipliedBy(2));
        atLeast("accord.webhooks.poll-interval", pollInterval, Duration.ofMillis(10));
        // The log must outlive the retries, or a row still being retried would be purged.
        atLeast("accord.webhooks.retention", retention, retryWindow.plus(maxBackoff));
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("accord.webhooks.batch-size must be from 1 to 1000, not " + batchSize);
        }
    }

    private static void atLeast(String name, Duration value, Duration minimum) {
        if (value.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", not " + value);
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: the initial backoff doubling, capped. */
    public Duration backoffAfter(int attempts) {
        Duration delay = initialBackoff;
        for (int i = 1; i < attempts && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    public Duration retryWindow() {
        return retryWindow;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration lease() {
        return lease;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration retention() {
        return retention;
    }

    /** Settings built in a unit test, validated as at start. */
    static WebhookSettings of(Duration initialBackoff, Duration maxBackoff, Duration retryWindow) {
        WebhookSettings settings = new WebhookSettings();
        settings.initialBackoff = initialBackoff;
        settings.maxBackoff = maxBackoff;
        settings.retryWindow = retryWindow;
        settings.connectTimeout = Duration.ofSeconds(5);
        settings.requestTimeout = Duration.ofSeconds(10);
        settings.lease = Duration.ofSeconds(60);
        settings.pollInterval = Duration.ofSeconds(1);
        settings.batchSize = 50;
        settings.retention = retryWindow.plus(maxBackoff).multipliedBy(2);
        settings.validate();
        return settings;
    }
}
