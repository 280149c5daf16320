package dev.accord.eventstore;

import io.vertx.mutiny.sqlclient.Row;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The events outbox: each row names an event of the store, published on the events topic. */
final class EventOutbox implements Outbox {

    private final String topic;

    EventOutbox(String topic) {
        this.topic = topic;
    }

    @Override
    public String table() {
        return "outbox";
    }

    @Override
    public String claim() {
        return "select o.id, " + EventRows.COLUMNS + " " + """
                  from outbox o join event_store e on e.event_id = o.event_id
                 where o.sent_at is null
                 order by o.id
                 limit $1
                   for update of o skip locked""";
    }

    @Override
    public ProducerRecord<String, String> record(Row row) {
        StoredEvent event = EventRows.toStoredEvent(row);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, null,
                event.initiativeId().toString(), EventCodec.encode(event.event()));
        CloudEventHeaders.addTo(record, CloudEventHeaders.of(event));
        return record;
    }
}
