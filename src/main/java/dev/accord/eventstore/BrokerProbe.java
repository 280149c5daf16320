package dev.accord.eventstore;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;

/**
 * Asks the Kafka cluster whether it answers, with a deadline. The relay asks before it claims
 * rows after a failure, so that no database transaction waits on a broker that is away; the
 * readiness check asks to say why Kafka is down.
 */
@ApplicationScoped
public class BrokerProbe {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private Admin admin;

    /** Completes when a broker answered within the timeout; fails with the reason otherwise. */
    public Uni<Void> reachable(Duration timeout) {
        int millis = (int) timeout.toMillis();
        return Uni.createFrom().deferred(() -> Uni.createFrom()
                        .completionStage(admin().describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                                .nodes().toCompletionStage()))
                .ifNoItem().after(timeout.plusMillis(500)).fail()
                .invoke(nodes -> {
                    if (nodes.isEmpty()) {
                        throw new IllegalStateException("the cluster reports no broker");
                    }
                })
                .replaceWithVoid();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "accord-broker-probe",
                    // A broker that comes back is noticed within a second, not after a long backoff.
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
