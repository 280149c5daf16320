package dev.accord.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EmbeddedSettingsTest {

    private static EmbeddedSettings resolve(Map<String, String> systemProperties, Map<String, String> environment) {
        return EmbeddedSettings.resolve(systemProperties::get, environment::get);
    }

    @Test
    void with_no_configuration_everything_is_embedded_on_the_default_ports() {
        EmbeddedSettings settings = resolve(Map.of(), Map.of());

        assertTrue(settings.startsPostgres());
        assertTrue(settings.startsKafka());
        assertEquals(9092, settings.kafkaPort());
        assertEquals(5433, settings.postgresPort());
        assertEquals(Path.of("accord-data").toAbsolutePath(), settings.dataDir());
    }

    @Test
    void system_properties_win_over_environment_variables() {
        EmbeddedSettings settings = resolve(
                Map.of("accord.embedded.kafka-port", "19092", "accord.embedded.data-dir", "/srv/accord"),
                Map.of("ACCORD_EMBEDDED_KAFKA_PORT", "29092", "ACCORD_EMBEDDED_POSTGRES_PORT", "15433"));

        assertEquals(19092, settings.kafkaPort());
        assertEquals(15433, settings.postgresPort());
        assertEquals(Path.of("/srv/accord"), settings.dataDir());
    }

    @Test
    void the_prod_profile_never_embeds_anything_even_when_enabled() {
        EmbeddedSettings settings = resolve(Map.of("accord.embedded.enabled", "true"),
                Map.of("QUARKUS_PROFILE", "kubernetes,prod"));

        assertFalse(settings.startsAnything());
    }

    @Test
    void embedding_can_be_switched_off() {
        assertFalse(resolve(Map.of(), Map.of("ACCORD_EMBEDDED_ENABLED", "false")).startsAnything());
    }

    @Test
    void an_external_database_and_an_external_kafka_each_switch_off_only_their_own_server() {
        EmbeddedSettings externalDatabase = resolve(Map.of(),
                Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://db:5432/accord"));
        EmbeddedSettings externalKafka = resolve(Map.of("kafka.bootstrap.servers", "broker:9092"), Map.of());

        assertFalse(externalDatabase.startsPostgres());
        assertTrue(externalDatabase.startsKafka());
        assertTrue(externalKafka.startsPostgres());
        assertFalse(externalKafka.startsKafka());
    }

    @Test
    void a_port_that_is_not_a_port_is_refused_naming_the_variable() {
        EmbeddedStartupException refused = assertThrows(EmbeddedStartupException.class,
                () -> resolve(Map.of(), Map.of("ACCORD_EMBEDDED_POSTGRES_PORT", "70000")));

        assertEquals(EmbeddedStartupException.Reason.INVALID_SETTING, refused.reason());
        assertTrue(refused.getMessage().contains("ACCORD_EMBEDDED_POSTGRES_PORT"), refused.getMessage());
    }

    @Test
    void the_postgres_password_is_generated_unless_configured_and_never_shown_in_the_settings() {
        assertEquals(Optional.empty(), resolve(Map.of(), Map.of()).postgresPassword());

        EmbeddedSettings configured = resolve(Map.of(), Map.of("ACCORD_EMBEDDED_POSTGRES_PASSWORD", "s3cret"));

        assertEquals(Optional.of("s3cret"), configured.postgresPassword());
        assertFalse(configured.toString().contains("s3cret"), configured.toString());
    }
}
