package dev.accord.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

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
        // One statement however many records (a first state comes with thousands of signals);
        // the rows take their ids in the order given.
        return connection.preparedQuery("""
                        insert into alignment_outbox (topic, record_key, ce_id, ce_type, stream_version, ce_time, data)
                        select topic, record_key, ce_id, ce_type, stream_version, ce_time, data
                          from unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::varchar[], $5::bigint[],
                                      $6::timestamptz[], $7::text[])
                               with ordinality as queued (topic, record_key, ce_id, ce_type, stream_version, ce_time,
                                                          data, position)
                         order by position
                        on conflict (ce_id) do nothing""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(records, OutboxRecord::topic, String[]::new),
                        Columns.of(records, OutboxRecord::key, String[]::new),
                        Columns.of(records, OutboxRecord::id, UUID[]::new),
                        Columns.of(records, OutboxRecord::type, String[]::new),
                        Columns.of(records, OutboxRecord::streamVersion, Long[]::new),
                        Columns.of(records, record -> record.time().atOffset(ZoneOffset.UTC), OffsetDateTime[]::new),
                        Columns.of(records, OutboxRecord::data, String[]::new))))
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
