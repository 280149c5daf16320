package dev.accord.readmodel;

import dev.accord.eventstore.StoredEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.util.List;

/**
 * A read model kept as one row per initiative, each row remembering the last version it applied.
 * What a read model knows is its own row: how to read and write it and how one event changes it.
 * When and in which order events reach it, under which lock, is {@link ReadModelRows}'s job, the
 * same for every read model.
 *
 * @param <R> the row, as the read model folds it
 */
public interface ReadModel<R> {

    /** The name operators see in the admin status and in metrics. */
    String name();

    /** The table of rows, keyed by {@code initiative_id}, with a {@code version} column. */
    String table();

    /**
     * The jsonb column the row is read back from: a snapshot, written by {@link ReadModelRows}
     * now and then, at the version the table's {@code snapshot_version} column says.
     */
    String documentColumn();

    /** The row from its document. */
    R read(String document);

    /** The row's document, as {@link #read} reads it back. */
    String write(R row);

    long version(R row);

    /** What the row weighs in the replica's {@link RowCache}: the events folded into it. */
    default long weight(R row) {
        return version(row);
    }

    /**
     * A working copy of {@code row} (null before the first event) that events are folded into one
     * by one, so a run of k events costs the row's size once plus k, not k times the row's size.
     */
    Folding<R> folding(R row);

    /** One row being folded. Not thread-safe; after a refused event the copy is not to be used. */
    interface Folding<R> {

        /** Folds one more event; throws when the read model refuses it. */
        void apply(StoredEvent event);

        /** The row as of the events folded so far. */
        R row();
    }

    /**
     * Writes {@code row}, reached by folding {@code events} (oldest first) into the row stored
     * before (none when the row is only written again): its version and the columns readers query,
     * inserting it when the table has no row yet. Not the document: {@link ReadModelRows} writes
     * that, in the same transaction, when a snapshot is due.
     */
    Uni<Void> save(SqlClient connection, R row, List<StoredEvent> events);
}
