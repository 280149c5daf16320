package dev.accord.eventstore;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads event_store rows fetched with the plain reactive client (alias {@code e}). The columns
 * are read by position, in the order of {@link #COLUMNS} from wherever the first of them is in the
 * row: a lookup by name for each column of each row showed in the profile of a rebuild, which
 * reads millions of rows.
 */
final class EventRows {

    static final String COLUMNS =
            "e.event_id, e.initiative_id, e.version, e.type, e.data::text as data, e.recorded_at, e.correlation_id, e.actor";
    private static final int EVENT_ID = 0;
    private static final int INITIATIVE_ID = 1;
    private static final int VERSION = 2;
    private static final int TYPE = 3;
    private static final int DATA = 4;
    private static final int RECORDED_AT = 5;
    private static final int CORRELATION_ID = 6;
    private static final int ACTOR = 7;

    private EventRows() {
    }

    /** The event of a row that has {@link #COLUMNS} among others. */
    static StoredEvent toStoredEvent(Row row) {
        return toStoredEvent(row, row.getColumnIndex("event_id"));
    }

    static List<StoredEvent> toStoredEvents(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        int first = rows.columnsNames().indexOf("event_id");
        for (Row row : rows) {
            events.add(toStoredEvent(row, first));
        }
        return events;
    }

    private static StoredEvent toStoredEvent(Row row, int first) {
        // Read as the current type and shape (EventUpcasters), so that every reader of stored
        // events, the relay to the topic and the events endpoint included, sees only those.
        String storedType = row.getString(first + TYPE);
        return new StoredEvent(row.getUUID(first + EVENT_ID), row.getUUID(first + INITIATIVE_ID),
                row.getLong(first + VERSION), EventUpcasters.currentType(storedType),
                EventCodec.decode(storedType, row.getString(first + DATA)),
                row.getOffsetDateTime(first + RECORDED_AT).toInstant(), row.getString(first + CORRELATION_ID),
                row.getString(first + ACTOR));
    }
}
