package dev.accord.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code alignment_outbox} table: whole records (the alignment state, its signals) written in
 * the transaction that decided them, published by {@link OutboxRelay} with the events' machinery.
 */
@Singleton
public class RecordOutbox implements Outbox {

    /**
     * Queues {@code records}, in order, in {@code connection}'s transaction. A record whose id is
     * still waiting here is left out: the ids are derived from what they announce. Once sent, a
     * record's row is gone, so one queued again after that is published again under the same id,
     * as at-least-once delivery allows; what keeps the alignment from queueing a state again is
     * the read model row's {@code published_id}, not this table.
     */
    public Uni<Void> add(SqlClient connection, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        insert into alignment_outbox (topic, record_key, ce_id, ce_type, stream_version, ce_time, data)
                        values ($1, $2, $3, $4, $5, $6, $7)
                        on conflict (ce_id) do nothing""")
                .executeBatch(records.stream().map(record -> Tuple.tuple(List.of(record.topic(), record.key(),
                        record.id(), record.type(), record.streamVersion(), record.time().atOffset(ZoneOffset.UTC),
                        record.data()))).toList())
                .replaceWithVoid();
    }

    @Override
    public String table() {
        return "alignment_outbox";
    }

    @Override
    public String claim() {
        return """
                select id, topic, record_key, ce_id, ce_type, stream_version, ce_time, data
                  from alignment_outbox
                 where sent_at is null
                 order by id
                 limit $1
                   for update skip locked""";
    }

    @Override
    public ProducerRecord<String, String> record(Row row) {
        OutboxRecord queued = new OutboxRecord(row.getString("topic"), row.getString("record_key"),
                row.getUUID("ce_id"), row.getString("ce_type"), row.getLong("stream_version"),
                row.getOffsetDateTime("ce_time").toInstant(), row.getString("data"));
        ProducerRecord<String, String> record = new ProducerRecord<>(queued.topic(), null, queued.key(), queued.data());
        CloudEventHeaders.addTo(record, CloudEventHeaders.of(queued));
        return record;
    }
}
