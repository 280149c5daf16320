package dev.accord.eventstore;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Records are queued in one statement however many there are: in the order given (the relay's
 * order), each as given, and a record whose id is already waiting is left out.
 */
@QuarkusTest
class RecordOutboxTest {

    @Inject
    RecordOutbox outbox;

    @Inject
    Pool pool;

    @Test
    void records_are_queued_in_the_order_given_and_an_id_already_waiting_is_left_out() {
        // given a record already waiting, and a batch naming it again, in between records new to the outbox
        String key = UUID.randomUUID().toString();
        Instant time = Instant.parse("2026-12-01T05:00:00.123456Z");
        OutboxRecord waiting = record(key, 1, time, "{\"waiting\":true}");
        List<OutboxRecord> batch = new ArrayList<>();
        for (int n = 2; n <= 1_000; n++) {
            batch.add(record(key, n, time.plus(n, ChronoUnit.SECONDS), "{\"n\":" + n + ",\"text\":\"é€\"}"));
        }
        batch.add(500, waiting);
        batch.add(record(key, 1_001, time, "{\"last\":true}"));

        // when both are queued in one transaction, and read back in it (the relay sees nothing before the commit)
        List<Row> rows = pool.withTransaction(connection -> outbox.add(connection, List.of(waiting))
                        .chain(() -> outbox.add(connection, batch))
                        .chain(() -> connection.preparedQuery("""
                                        select topic, record_key, ce_id, ce_type, stream_version, ce_time, data
                                          from alignment_outbox where record_key = $1 order by id""")
                                .execute(Tuple.of(key)))
                        .map(found -> {
                            List<Row> read = new ArrayList<>();
                            found.forEach(read::add);
                            return read;
                        })
                        .call(read -> Uni.createFrom().failure(new RolledBack(read))))
                .onFailure(RolledBack.class).recoverWithItem(failure -> ((RolledBack) failure).rows)
                .await().atMost(Duration.ofSeconds(30));

        // then each record is there once, the waiting one first, the others in the order given, as given
        List<OutboxRecord> expected = new ArrayList<>();
        expected.add(waiting);
        batch.stream().filter(record -> !record.equals(waiting)).forEach(expected::add);
        assertEquals(expected, rows.stream().map(RecordOutboxTest::queued).toList());
    }

    private static OutboxRecord record(String key, long version, Instant time, String data) {
        return new OutboxRecord("accord.alignment.signals", key, UUID.nameUUIDFromBytes((key + ":" + version).getBytes()),
                "accord.StageReached.v1", version, time, data);
    }

    private static OutboxRecord queued(Row row) {
        return new OutboxRecord(row.getString("topic"), row.getString("record_key"), row.getUUID("ce_id"),
                row.getString("ce_type"), row.getLong("stream_version"),
                row.getOffsetDateTime("ce_time").toInstant(), row.getString("data"));
    }

    /** Ends the transaction without committing, handing out what it read. */
    private static final class RolledBack extends RuntimeException {
        private final transient List<Row> rows;

        RolledBack(List<Row> rows) {
            super("rolled back", null, false, false);
            this.rows = rows;
        }
    }
}
