package dev.accord.eventstore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.Map;

/**
 * The one Kafka admin client of a replica, opened on first use: the broker probe and the
 * projection status ask the cluster through it. Every call it makes is bounded, so a broker
 * that is away costs a caller at most its timeout.
 */
@ApplicationScoped
public class KafkaAdmin {

    /** The longest any admin call waits unless it names a shorter timeout itself. */
    public static final int TIMEOUT_MS = 3_000;

    @Inject
    KafkaConnection connection;

    private Admin admin;

    public synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> settings = connection.settings();
            settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "accord-admin");
            settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
            settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
            // A broker that comes back is noticed within a second, not after a long backoff.
            settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
            admin = Admin.create(settings);
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
