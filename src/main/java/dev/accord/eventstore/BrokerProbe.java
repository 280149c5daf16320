package dev.accord.eventstore;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;

/**
 * Asks the Kafka cluster whether it answers, with a deadline. The relay asks before it claims
 * rows after a failure, so that no database transaction waits on a broker that is away; the
 * readiness check asks to say why Kafka is down.
 */
@ApplicationScoped
public class BrokerProbe {

    @Inject
    KafkaAdmin kafka;

    /** Completes when a broker answered within the timeout; fails with the reason otherwise. */
    public Uni<Void> reachable(Duration timeout) {
        int millis = (int) timeout.toMillis();
        return Uni.createFrom().deferred(() -> Uni.createFrom()
                        .completionStage(kafka.admin().describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                                .nodes().toCompletionStage()))
                .ifNoItem().after(timeout.plusMillis(500)).fail()
                .invoke(nodes -> {
                    if (nodes.isEmpty()) {
                        throw new IllegalStateException("the cluster reports no broker");
                    }
                })
                .replaceWithVoid();
    }
}
