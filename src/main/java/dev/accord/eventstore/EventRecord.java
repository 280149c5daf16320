package dev.accord.eventstore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One row of the event store. Never updated, never deleted. */
@Entity
@Table(name = "event_store")
public class EventRecord {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "initiative_id", nullable = false, updatable = false)
    public UUID initiativeId;

    @Column(nullable = false, updatable = false)
    public long version;

    @Column(nullable = false, updatable = false)
    public String type;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Map<String, Object> data;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;

    @Column(name = "correlation_id", nullable = false, updatable = false)
    public String correlationId;

    static EventRecord of(StoredEvent event) {
        EventRecord row = new EventRecord();
        row.eventId = event.eventId();
        row.initiativeId = event.initiativeId();
        row.version = event.version();
        row.type = event.type();
        row.data = EventCodec.toTree(event.event());
        row.recordedAt = event.recordedAt();
        row.correlationId = event.correlationId();
        return row;
    }

    StoredEvent toStoredEvent() {
        return new StoredEvent(eventId, initiativeId, version, type, EventCodec.fromTree(type, data),
                recordedAt, correlationId);
    }
}
