package dev.accord.eventstore;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KafkaConnectionTest {

    @Test
    void a_cluster_that_requires_sasl_gets_the_same_credentials_from_every_own_client() {
        Config config = config(Map.of(
                "kafka.bootstrap.servers", "kafka-0:9093",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.ssl.truststore.location", "/etc/accord/kafka/ca.p12",
                "kafka.auto.offset.reset", "earliest"));

        assertEquals(Map.of(
                "bootstrap.servers", "kafka-0:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/accord/kafka/ca.p12"), KafkaConnection.settingsFrom(config),
                "the connection settings are taken, a consumer's own setting is not");
    }

    @Test
    void a_plain_cluster_needs_only_its_bootstrap_servers() {
        assertEquals(Map.of("bootstrap.servers", "localhost:9092"),
                KafkaConnection.settingsFrom(config(Map.of("kafka.bootstrap.servers", "localhost:9092"))));
    }

    @Test
    void without_bootstrap_servers_there_is_nothing_to_connect_to() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> KafkaConnection.settingsFrom(config(Map.of("kafka.security.protocol", "SSL"))));
        assertEquals("kafka.bootstrap.servers is not set", refused.getMessage());
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }
}
