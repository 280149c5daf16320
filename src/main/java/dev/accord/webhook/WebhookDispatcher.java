package dev.accord.webhook;

import dev.accord.config.PeriodicRound;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Sends due deliveries, a bounded batch per round, every poll interval and whenever the feed
 * queued something. Each attempt is signed afresh (Standard Webhooks: {@code webhook-id} is the
 * record's {@code ce_id}, the same on every attempt; {@code webhook-timestamp} is the attempt's).
 * A 2xx answer is a delivery; anything else, a timeout or a refused connection is retried with
 * exponential backoff until the retry window since the first attempt has passed, and then the
 * subscription is disabled. Redirects are not followed: the signature covers the registered URL.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** CloudEvents' HTTP binding names structured mode by this media type; SDK receivers read it so. */
    static final String CONTENT_TYPE = "application/cloudevents+json";
    private static final int MAX_ERROR_LENGTH = 500;
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    private static final int PURGE_MOST = 10_000;

    @Inject
    DeliveryQueue queue;

    @Inject
    WebhookSettings settings;

    @Inject
    Vertx vertx;

    @Inject
    Clock clock;

    private final PeriodicRound round = new PeriodicRound("delivering webhooks", LOG, this::deliverDue);
    private HttpClient http;
    private volatile long lastPurge = System.nanoTime();

    void start(@Observes StartupEvent startup) {
        http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        round.start(vertx, settings.pollInterval());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        round.stop(vertx);
    }

    /** Something was queued: deliver now rather than at the next poll (unless a round is running). */
    public void wakeUp() {
        round.run();
    }

    /**
     * One round: claim a batch, send it concurrently, record each outcome. Safe to run on any
     * number of replicas at once; the claim keeps them apart.
     *
     * @return how many deliveries were attempted
     */
    public Uni<Integer> deliverDue() {
        return queue.claim(settings.batchSize(), settings.lease())
                .chain(claimed -> claimed.isEmpty() ? purgeNowAndThen().replaceWith(0)
                        : Uni.join().all(claimed.stream().map(this::attempt).toList()).andFailFast()
                        .map(List::size))
                .invoke(attempted -> {
                    if (attempted == settings.batchSize()) {
                        // More may be due: go on at once instead of waiting for the next tick.
                        vertx.setTimer(1, next -> round.run());
                    }
                });
    }

    private Uni<Void> attempt(DeliveryQueue.Claimed delivery) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(settings.requestTimeout())
                    .header("content-type", CONTENT_TYPE)
                    .header("user-agent", "Accord-Webhooks/1")
                    .header("webhook-id", delivery.ceId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature",
                            WebhookSignature.sign(delivery.secret(), delivery.ceId(), timestamp, delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
        } catch (IllegalArgumentException e) {
            return recordFailure(delivery, null, "cannot send to this URL: " + e.getMessage());
        }
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure != null) {
                        return recordFailure(delivery, null, describe(failure));
                    }
                    int status = response.statusCode();
                    return status >= 200 && status < 300 ? queue.delivered(delivery.id(), status)
                            : recordFailure(delivery, status, "the receiver answered HTTP " + status);
                });
    }

    private Uni<Void> recordFailure(DeliveryQueue.Claimed delivery, Integer status, String error) {
        String bounded = error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
        return queue.failed(delivery.id(), status, bounded, settings.backoffAfter(delivery.attempts() + 1),
                        settings.retryWindow())
                .invoke(disabled -> {
                    if (disabled) {
                        LOG.warnf("Webhook subscription %s is disabled: %s failed for %s (%s)",
                                delivery.subscriptionId(), delivery.ceId(), settings.retryWindow(), bounded);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> purgeNowAndThen() {
        long now = System.nanoTime();
        if (now - lastPurge < PURGE_EVERY.toNanos()) {
            return Uni.createFrom().voidItem();
        }
        lastPurge = now;
        return queue.purge(settings.retention(), PURGE_MOST).replaceWithVoid();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof HttpTimeoutException) && !(cause instanceof java.io.IOException)) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer in time: " + cause.getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
