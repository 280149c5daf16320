package dev.accord.config;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductionProfileTest {

    private static Map<String, String> aCompleteDeployment() {
        Map<String, String> settings = new HashMap<>();
        settings.put("mp.jwt.verify.publickey.location", "https://login.example.com/jwks");
        settings.put("mp.jwt.verify.issuer", "https://login.example.com");
        settings.put("quarkus.datasource.reactive.url", "postgresql://db:5432/accord");
        settings.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/accord");
        settings.put("quarkus.datasource.password", "s3cret-from-a-secret");
        settings.put("kafka.bootstrap.servers", "kafka:9092");
        return settings;
    }

    private static List<String> refusals(Map<String, String> settings) {
        return ProductionProfile.refusals(settings::get);
    }

    @Test
    void a_complete_deployment_starts() {
        assertEquals(List.of(), refusals(aCompleteDeployment()));
    }

    @Test
    void nothing_configured_is_refused_for_every_missing_piece() {
        List<String> refusals = refusals(Map.of());
        assertEquals(6, refusals.size(), refusals.toString());
    }

    @Test
    void without_a_verification_key_it_is_refused_naming_the_variable() {
        Map<String, String> settings = aCompleteDeployment();
        settings.remove("mp.jwt.verify.publickey.location");
        assertEquals(List.of("no key to verify bearer tokens: set mp.jwt.verify.publickey.location "
                + "(MP_JWT_VERIFY_PUBLICKEY_LOCATION) (a PEM public key or a JWKS URL) or mp.jwt.verify.publickey "
                + "(MP_JWT_VERIFY_PUBLICKEY)"), refusals(settings));
        settings.put("mp.jwt.verify.publickey", "MIIBIjANBgkq...");
        assertEquals(List.of(), refusals(settings));
    }

    @Test
    void without_an_issuer_or_with_authentication_off_it_is_refused() {
        Map<String, String> settings = aCompleteDeployment();
        settings.remove("mp.jwt.verify.issuer");
        settings.put("accord.auth.enabled", "FALSE");
        List<String> refusals = refusals(settings);
        assertEquals(2, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).contains("MP_JWT_VERIFY_ISSUER"), refusals.get(0));
        assertTrue(refusals.get(1).contains("ACCORD_AUTH_ENABLED"), refusals.get(1));
    }

    @Test
    void without_external_postgresql_and_kafka_addresses_it_is_refused() {
        for (String address : List.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
                "kafka.bootstrap.servers")) {
            Map<String, String> settings = aCompleteDeployment();
            settings.put(address, "  ");
            List<String> refusals = refusals(settings);
            assertEquals(1, refusals.size(), refusals.toString());
            assertTrue(refusals.get(0).startsWith("no external address: set " + address), refusals.get(0));
        }
    }

    @Test
    void with_the_default_or_no_database_password_it_is_refused() {
        Map<String, String> settings = aCompleteDeployment();
        settings.put("quarkus.datasource.password", "accord");
        assertEquals(1, refusals(settings).size());
        settings.remove("quarkus.datasource.password");
        assertTrue(refusals(settings).get(0).contains("QUARKUS_DATASOURCE_PASSWORD"));
    }
}
