package dev.accord.eventstore;

import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CanonicalInstantsTest {

    private static Instant parse(String text) {
        return CanonicalInstants.parse(text.toCharArray(), 0, text.length());
    }

    @Test
    void reads_every_canonical_instant_as_the_jdk_does() {
        Random random = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    i % 4 == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = instant.toString();
            assertEquals(Instant.parse(text), parse(text), text);
        }
    }

    @Test
    void reads_fractions_of_every_length() {
        for (String text : new String[]{"2026-02-28T23:59:59.5Z", "2026-02-28T23:59:59.12Z", "2026-02-28T23:59:59.1234Z",
                "2024-02-29T00:00:00.000000001Z", "2026-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z"}) {
            assertEquals(Instant.parse(text), parse(text), text);
        }
    }

    @Test
    void leaves_every_other_form_to_the_general_parser() {
        for (String text : new String[]{"2026-11-30t15:14:27Z", "2026-11-30T15:14:27z", "2026-11-30T15:14:27+01:00",
                "2026-11-30T15:14:27.Z", "2026-11-30T15:14:27.1234567890Z", "2026-11-30T15:14Z", "+12026-11-30T15:14:27Z",
                "2026-11-30 15:14:27Z", "2026-11-30T15:14:60Z", "2026-11-30T24:00:00Z", "2026-02-29T10:00:00Z",
                "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z", "2026-00-01T10:00:00Z", "2026-1a-01T10:00:00Z",
                "2026-11-30T15:14:27.12a4Z", "x"}) {
            assertNull(parse(text), text);
        }
    }

    @Test
    void an_event_keeps_reading_offsets_and_refusing_impossible_dates_as_before() {
        UUID id = UUID.randomUUID();
        String type = "accord.CommitmentFulfilled.v1";
        String withOffset = "{\"initiativeId\":\"" + id + "\",\"commitmentId\":\"c1\",\"evidence\":\"done\","
                + "\"occurredAt\":\"2026-11-30T16:14:27+01:00\"}";
        assertEquals(Instant.parse("2026-11-30T15:14:27Z"),
                ((CommitmentFulfilled) EventCodec.decode(type, withOffset)).occurredAt());
        String impossible = withOffset.replace("2026-11-30T16:14:27+01:00", "2026-02-30T10:00:00Z");
        assertThrows(EventCodec.UnreadableEvent.class, () -> EventCodec.decode(type, impossible));
    }
}
