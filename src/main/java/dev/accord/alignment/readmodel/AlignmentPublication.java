package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentSignal;
import dev.accord.alignment.domain.AlignmentSignals;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.eventstore.OutboxRecord;
import dev.accord.eventstore.RecordOutbox;
import dev.accord.readmodel.RowCache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Publishes the alignment state and its signals through the {@link RecordOutbox}, in the
 * transaction that writes the read model row: whenever the state evaluated for the row differs
 * from the one last published, in more than the instant it was evaluated at, the new state goes to
 * {@code accord.alignment.state} and {@link AlignmentSignals#between the signals between the two}
 * to {@code accord.alignment.signals}.
 * <p>
 * What was published is the row's: its {@code published_id} (the last state record's ce_id) and
 * its {@code state} column, which then holds that state (a state is written there at every
 * catch-up, and a different one is always published). So a rebuild, a replay or a restart that
 * reaches the same state publishes nothing, and a replica compares against what any replica
 * published. This replica keeps the state it last saw published per initiative, under its id,
 * so that the column is read and parsed only when another replica (or a restart) came between.
 * It is kept in the replica's {@link RowCache}, with the initiative's rows and under the same
 * bound, weighing what a state weighs ({@link StateWeight}); forgotten, it costs reading the
 * column again.
 */
@ApplicationScoped
public class AlignmentPublication {

    /** The state this replica last saw published, per initiative. */
    private static final RowCache.Part<Published> PUBLISHED =
            new RowCache.Part<>("published alignment state", published -> StateWeight.of(published.state()));

    @Inject
    RecordOutbox outbox;

    /** What this replica remembers per initiative. */
    @Inject
    RowCache memory;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "accord.topics.state")
    String stateTopic;

    @ConfigProperty(name = "accord.topics.signals")
    String signalsTopic;

    /** A state as published, under the ce_id of its record. */
    public record Published(UUID id, AlignmentState state) {
    }

    /**
     * The state this replica last saw published for the initiative (null: none), for the row's
     * query to leave out the published state when it is that one, and to be handed back to
     * {@link #publish}: what the replica remembers may be forgotten in between, this may not.
     */
    public Published known(UUID initiativeId) {
        return memory.get(PUBLISHED, initiativeId).orElse(null);
    }

    /**
     * The {@code published_id} the statement writing the row records with it, so that publishing
     * {@code state} writes the row once: the ce_id of its state record if it differs from the state
     * this replica knows published ({@code known}, as {@link #known} gave it; none known: from none, as for a new row), null
     * if it does not. The statement records it only if the row's {@code published_id} is the known
     * one (or the row is new and none is known); otherwise {@link #publish} records what it decides.
     */
    public UUID intended(AlignmentState state, Published known) {
        AlignmentState before = known == null ? null : known.state();
        return AlignmentSignals.changed(before, state) ? stateId(before, state) : null;
    }

    /**
     * Publishes {@code state}, serialised as {@code document}, and its signals, if it differs from
     * the state last published for the row, and has the row record what is then published.
     *
     * @param known          what {@link #known} gave before the row's query (null: nothing)
     * @param publishedId    the row's {@code published_id} before this change (null: none yet)
     * @param publishedState the row's {@code state} before this change, when it was not the one
     *                       {@code known} named (null: the row is new, or it was that one)
     * @param recordedId     the row's {@code published_id} as the statement writing it left it
     *                       ({@link #intended}): a second statement writes it only if it differs
     */
    public Uni<Void> publish(SqlClient connection, AlignmentFacts facts, AlignmentState state, String document,
                             Published known, UUID publishedId, String publishedState, UUID recordedId) {
        UUID initiativeId = state.initiativeId();
        AlignmentState before = publishedState != null ? read(publishedState)
                : known != null && known.id().equals(publishedId) ? known.state() : null;
        if (!AlignmentSignals.changed(before, state)) {
            if (publishedId != null) {
                keep(initiativeId, new Published(publishedId, before));
            }
            return record(connection, initiativeId, publishedId, recordedId);
        }
        UUID stateId = stateId(before, state);
        List<OutboxRecord> records = new ArrayList<>();
        records.add(new OutboxRecord(stateTopic, initiativeId.toString(), stateId, AlignmentWire.STATE_TYPE,
                state.version(), state.asOf(), document));
        for (AlignmentSignal signal : AlignmentSignals.between(before, state, facts)) {
            String type = AlignmentWire.typeOf(signal);
            records.add(new OutboxRecord(signalsTopic, initiativeId.toString(),
                    AlignmentWire.id(initiativeId, state.version(), type, AlignmentWire.discriminator(signal)), type,
                    state.version(), state.asOf(), write(signal)));
        }
        return outbox.add(connection, records)
                .chain(() -> record(connection, initiativeId, stateId, recordedId))
                .invoke(() -> keep(initiativeId, new Published(stateId, state)));
    }

    /**
     * The ce_id of {@code state}'s record when published over {@code before}. Announced again at a
     * version already published (the clock: a due date passed), the state is told apart by the
     * instant it was evaluated at.
     */
    private static UUID stateId(AlignmentState before, AlignmentState state) {
        String evaluatedAgain = before != null && before.version() == state.version()
                ? DateTimeFormatter.ISO_INSTANT.format(state.asOf()) : "";
        return AlignmentWire.id(state.initiativeId(), state.version(), AlignmentWire.STATE_TYPE, evaluatedAgain);
    }

    /** Has the row record {@code publishedId}, unless the statement that wrote the row did ({@code recordedId}). */
    private static Uni<Void> record(SqlClient connection, UUID initiativeId, UUID publishedId, UUID recordedId) {
        if (Objects.equals(publishedId, recordedId)) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("update alignment_view set published_id = $2 where initiative_id = $1")
                .execute(Tuple.of(initiativeId, publishedId)).replaceWithVoid();
    }

    /** A signal's wire form: its data JSON, through the mapper the alignment document is written with. */
    public String write(AlignmentSignal signal) {
        try {
            return json.writeValueAsString(signal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + AlignmentWire.typeOf(signal), e);
        }
    }

    private AlignmentState read(String document) {
        try {
            return json.readValue(document, AlignmentState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable published alignment state", e);
        }
    }

    /** Forgets what this replica saw published, as a restart does: the rows' columns are read instead. */
    void forget() {
        memory.forget(PUBLISHED);
    }

    private void keep(UUID initiativeId, Published state) {
        memory.keep(PUBLISHED, initiativeId, state);
    }
}
