package dev.accord.eventstore;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** accord.relay.max-record-bytes is checked at start, and records are weighed as the producer weighs them. */
class RecordBoundTest {

    @Test
    void a_bound_between_64_KiB_and_16_MiB_is_accepted() {
        assertDoesNotThrow(() -> OutboxRelay.requireRecordBound(64 * 1024));
        assertDoesNotThrow(() -> OutboxRelay.requireRecordBound(8 * 1024 * 1024));
        assertDoesNotThrow(() -> OutboxRelay.requireRecordBound(16 * 1024 * 1024));
    }

    @Test
    void a_bound_below_64_KiB_is_refused_at_start_naming_the_setting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> OutboxRelay.requireRecordBound(64 * 1024 - 1));
        assertTrue(refused.getMessage().contains("accord.relay.max-record-bytes"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutboxRelay.requireRecordBound(0));
        assertThrows(IllegalArgumentException.class, () -> OutboxRelay.requireRecordBound(-1));
    }

    @Test
    void a_bound_over_16_MiB_is_refused_at_start() {
        assertThrows(IllegalArgumentException.class, () -> OutboxRelay.requireRecordBound(16 * 1024 * 1024 + 1));
    }

    @Test
    void a_record_weighs_its_key_value_and_headers_in_utf8_bytes() {
        ProducerRecord<String, String> record = new ProducerRecord<>("topic", "key", "välue");
        record.headers().add("ce_type", "accord.X.v1".getBytes(StandardCharsets.UTF_8));
        assertEquals(3 + 6 + 7 + 11, OutboxRelay.sizeOf(record));
    }

    @Test
    void a_value_weighs_what_its_utf8_encoding_takes_whatever_its_characters() {
        // given a value of one-, two-, three- and four-byte characters, and an unpaired surrogate
        String value = "a" + "é" + "€" + "\uD83D\uDE00" + "\uD800" + "z";
        ProducerRecord<String, String> record = new ProducerRecord<>("topic", null, value);

        // when it is weighed, then it weighs what the producer's encoding of it takes
        assertEquals(value.getBytes(StandardCharsets.UTF_8).length, OutboxRelay.sizeOf(record));
        assertEquals(1 + 2 + 3 + 4 + 1 + 1, OutboxRelay.sizeOf(record));
    }
}
