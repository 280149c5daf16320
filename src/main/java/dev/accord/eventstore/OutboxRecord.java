package dev.accord.eventstore;

import java.time.Instant;
import java.util.UUID;

/**
 * A Kafka record waiting in the {@code alignment_outbox} table: its topic and key, the CloudEvent
 * attributes its headers carry (binary mode, as the events topic's) and its value, the data JSON.
 *
 * @param id            the CloudEvent id: derived from what the record announces, so a record
 *                      published again (after a crash, by a rebuild) carries the same id
 * @param streamVersion the initiative version the record reflects
 * @param time          when it happened: the evaluation instant of the state it comes from
 */
public record OutboxRecord(String topic, String key, UUID id, String type, long streamVersion, Instant time,
                           String data) {
}
