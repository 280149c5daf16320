package dev.accord.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The mapper Quarkus builds, every customizer and module applied, writes instants by hand and as before. */
@QuarkusTest
class ApplicationMapperInstantsTest {

    @Inject
    ObjectMapper json;

    @Test
    void the_application_mapper_writes_instants_through_the_canonical_writer() throws Exception {
        assertInstanceOf(CanonicalInstantWriter.class,
                json.getSerializerProviderInstance().findValueSerializer(Instant.class));
        Instant at = Instant.parse("2026-11-30T15:14:27.123456Z");
        assertEquals("{\"at\":\"2026-11-30T15:14:27.123456Z\"}", json.writeValueAsString(Map.of("at", at)));
    }
}
