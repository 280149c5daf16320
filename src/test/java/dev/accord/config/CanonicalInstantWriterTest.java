package dev.accord.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class CanonicalInstantWriterTest {

    /** The application's mapper as far as instants go: jsr310 first, then the customizer (applied last). */
    private static ObjectMapper withWriter(boolean timestamps) {
        ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, timestamps).build();
        new InstantWriting().customize(mapper);
        return mapper;
    }

    private static ObjectMapper jsr310Only(boolean timestamps) {
        return JsonMapper.builder().addModule(new JavaTimeModule())
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, timestamps).build();
    }

    record Stamped(Instant at, List<Instant> more) {
    }

    record Formatted(@JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant at,
                     @JsonFormat(pattern = "yyyy-MM-dd", timezone = "UTC") Instant day) {
    }

    @Test
    void the_application_mapper_writes_instants_with_it() throws Exception {
        assertInstanceOf(CanonicalInstantWriter.class,
                withWriter(false).getSerializerProviderInstance().findValueSerializer(Instant.class));
    }

    @Test
    void writes_every_instant_as_the_jdk_does() throws Exception {
        ObjectMapper mapper = withWriter(false);
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 260_000_000_000L), nanos);
            assertEquals("\"" + instant + "\"", mapper.writeValueAsString(instant), instant::toString);
        }
    }

    @Test
    void writes_the_edges_of_the_four_digit_years_and_beyond_as_before() throws Exception {
        ObjectMapper mapper = withWriter(false);
        ObjectMapper before = jsr310Only(false);
        for (Instant instant : List.of(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("0000-12-31T23:59:59.5Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.EPOCH, Instant.ofEpochSecond(-1, 1), Instant.parse("2024-02-29T12:00:00.010Z"),
                Instant.MIN, Instant.MAX)) {
            Stamped stamped = new Stamped(instant, List.of(instant));
            assertEquals(before.writeValueAsString(stamped), mapper.writeValueAsString(stamped), instant::toString);
        }
    }

    @Test
    void leaves_formats_of_their_own_and_timestamps_to_jsr310() throws Exception {
        Instant at = Instant.parse("2026-11-30T15:14:27.123456Z");
        Formatted formatted = new Formatted(at, at);
        assertEquals(jsr310Only(false).writeValueAsString(formatted), withWriter(false).writeValueAsString(formatted));
        Stamped stamped = new Stamped(at, List.of(at));
        assertEquals(jsr310Only(true).writeValueAsString(stamped), withWriter(true).writeValueAsString(stamped));
        assertEquals("{\"at\":" + at.getEpochSecond() + ".123456000,\"more\":[" + at.getEpochSecond() + ".123456000]}",
                withWriter(true).writeValueAsString(stamped));
    }
}
