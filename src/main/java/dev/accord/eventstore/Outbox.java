package dev.accord.eventstore;

import io.vertx.mutiny.sqlclient.Row;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A table of records waiting for the broker, which {@link OutboxRelay} publishes: rows with a
 * {@code bigserial id} (publication order) and a {@code sent_at} that stays null until the broker
 * acknowledged them.
 */
interface Outbox {

    String table();

    /**
     * The query claiming up to {@code $1} unsent rows in id order, {@code for update skip locked},
     * with the row's {@code id} and whatever {@link #record} reads.
     */
    String claim();

    ProducerRecord<String, String> record(Row row);
}
