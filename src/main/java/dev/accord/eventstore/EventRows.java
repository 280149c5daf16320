package dev.accord.eventstore;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads event_store rows fetched with the plain reactive client (alias {@code e}). */
final class EventRows {

    static final String COLUMNS =
            "e.event_id, e.initiative_id, e.version, e.type, e.data::text as data, e.recorded_at, e.correlation_id, e.actor";

    private EventRows() {
    }

    static StoredEvent toStoredEvent(Row row) {
        String type = row.getString("type");
        return new StoredEvent(row.getUUID("event_id"), row.getUUID("initiative_id"), row.getLong("version"), type,
                EventCodec.decode(type, row.getString("data")),
                row.getOffsetDateTime("recorded_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
                row.getString("correlation_id"), row.getString("actor"));
    }

    static List<StoredEvent> toStoredEvents(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(toStoredEvent(row));
        }
        return events;
    }
}
