package dev.accord.eventstore;

import io.vertx.mutiny.sqlclient.Row;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A table of records waiting for the broker, which {@link OutboxRelay} publishes: rows with a
 * {@code bigserial id} (publication order), deleted once the broker acknowledged them. Their
 * {@code sent_at} stays null: the release before this one marked sent rows there instead of
 * deleting them, and may do so while old and new replicas run side by side during a rollout, so a
 * claim still skips marked rows and the relay purges them as leftovers.
 */
interface Outbox {

    String table();

    /**
     * The query claiming up to {@code $1} unsent rows ({@code sent_at is null}) in id order,
     * {@code for update skip locked}, with the row's {@code id} and whatever {@link #record} reads.
     */
    String claim();

    ProducerRecord<String, String> record(Row row);
}
