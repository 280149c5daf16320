package dev.accord.eventstore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How Accord's own Kafka clients (the outbox relay's producer, the admin client behind readiness,
 * the projection status and the metrics) reach the cluster: the bootstrap servers plus whatever
 * TLS and SASL settings the deployment gives under {@code kafka.*}, the same keys the projection's
 * channels read. So a cluster that requires authentication (a SCRAM listener with ACLs) is met by
 * every client with the one set of credentials, e.g. {@code KAFKA_SECURITY_PROTOCOL},
 * {@code KAFKA_SASL_MECHANISM} and {@code KAFKA_SASL_JAAS_CONFIG} in the environment.
 */
@ApplicationScoped
public class KafkaConnection {

    /** The client settings that say where and how to connect, as Kafka names them. */
    static final List<String> CONNECTION_SETTINGS = List.of(
            "bootstrap.servers", "security.protocol", "client.dns.lookup",
            "sasl.mechanism", "sasl.jaas.config", "sasl.login.callback.handler.class",
            "sasl.client.callback.handler.class", "sasl.kerberos.service.name",
            "sasl.oauthbearer.token.endpoint.url", "sasl.oauthbearer.scope.claim.name",
            "ssl.protocol", "ssl.enabled.protocols", "ssl.endpoint.identification.algorithm",
            "ssl.truststore.type", "ssl.truststore.location", "ssl.truststore.password",
            "ssl.truststore.certificates", "ssl.keystore.type", "ssl.keystore.location",
            "ssl.keystore.password", "ssl.keystore.certificate.chain", "ssl.keystore.key",
            "ssl.key.password");

    @Inject
    Config config;

    /** The connection settings that are configured, keyed as Kafka clients take them. */
    public Map<String, Object> settings() {
        return settingsFrom(config);
    }

    static Map<String, Object> settingsFrom(Config config) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : CONNECTION_SETTINGS) {
            config.getOptionalValue("kafka." + name, String.class)
                    .filter(value -> !value.isBlank())
                    .ifPresent(value -> settings.put(name, value));
        }
        if (!settings.containsKey("bootstrap.servers")) {
            throw new IllegalStateException("kafka.bootstrap.servers is not set");
        }
        return settings;
    }
}
