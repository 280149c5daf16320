import dev.accord.eventstore.EventCodec;
import dev.accord.eventstore.EventTypes;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.Stance;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Valid histories written straight into {@code event_store} (and nothing into the outbox), for
 * the probes that need long histories faster than the API can record them: a launch, the
 * participants joining, then conversations — relationships, possibilities and responses,
 * commitments made, fulfilled and withdrawn, feedback and acknowledgements — each among active
 * participants and naming only what exists and is still open, with {@code occurredAt} strictly
 * increasing from launch to an hour ago. The events are Accord's own domain records, encoded by
 * {@link EventCodec}, so the data is exactly what a command would have stored.
 * <p>
 * Rows go in with {@code COPY ... FROM STDIN}; the read models learn of them only through a rebuild.
 */
public final class History {

    static final String[] UNITS = {"engineering", "sales", "operations", "marketing", "finance", "hr"};
    private static final Stance[] STANCES = Stance.values();
    private static final int BATCH_ROWS = 5_000;

    private final UUID initiativeId;
    private final Random random;
    private final List<String> people = new ArrayList<>();
    private final List<String> possibilities = new ArrayList<>();
    private final List<String> openCommitments = new ArrayList<>();
    private final List<String> fulfilled = new ArrayList<>();
    private final List<Recorded> events = new ArrayList<>();

    /** An event and when the store recorded it. */
    record Recorded(InitiativeEvent event, Instant recordedAt) {
    }

    private History(UUID initiativeId, long seed) {
        this.initiativeId = initiativeId;
        this.random = new Random(seed);
    }

    /** The person ids of a generated initiative: {@code p0000} (the sponsor) to {@code p<people-1>}. */
    static String personId(int index) {
        return String.format("p%04d", index);
    }

    /**
     * The events of one initiative: launch, {@code people - 1} joins, then conversations up to
     * {@code total} events in all.
     */
    static List<Recorded> generate(UUID initiativeId, int people, int total, long seed) {
        History history = new History(initiativeId, seed);
        history.play(people, total);
        return history.events;
    }

    private void play(int peopleCount, int total) {
        Instant end = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant launchedAt = end.minus(Duration.ofDays(200));
        for (int i = 0; i < peopleCount; i++) {
            people.add(personId(i));
        }
        add(launchedAt, new InitiativeLaunched(initiativeId, "Generated history " + initiativeId,
                "A long generated history, to measure Accord at any history length",
                new Person(people.get(0), "Person 0", "engineering", "Sponsor"), List.of(UNITS),
                LocalDate.ofInstant(end.plus(Duration.ofDays(120)), java.time.ZoneOffset.UTC), launchedAt));
        for (int i = 1; i < peopleCount; i++) {
            add(launchedAt.plusMillis(i), new ParticipantJoined(initiativeId, people.get(i), "Person " + i,
                    UNITS[i % UNITS.length], "Member"));
        }
        int conversations = Math.max(0, total - events.size());
        long stepMillis = Math.max(1, Duration.between(launchedAt, end).toMillis() / Math.max(1, conversations + 1));
        Instant at = launchedAt.plusSeconds(1);
        for (int n = 0; n < conversations; n++) {
            at = at.plusMillis(stepMillis);
            add(at.plusMillis(1), conversation(n, at));
        }
    }

    private void add(Instant recordedAt, InitiativeEvent event) {
        events.add(new Recorded(event, recordedAt));
    }

    private InitiativeEvent conversation(int n, Instant at) {
        int roll = random.nextInt(100);
        if (roll < 5 || (roll < 30 && possibilities.isEmpty())) {
            List<String> chosen = distinct(10 + random.nextInt(20));
            String id = "pos-" + n;
            possibilities.add(id);
            return new PossibilityShared(initiativeId, id, "Possibility " + n + ": a shared way of working",
                    chosen.get(0), chosen.subList(2, chosen.size()), chosen.subList(1, 2), at);
        }
        if (roll < 30) {
            String possibility = possibilities.get(Math.max(0, possibilities.size() - 1 - random.nextInt(5)));
            return new PossibilityResponded(initiativeId, possibility, any(people),
                    STANCES[random.nextInt(STANCES.length)], "Response " + n, at);
        }
        if (roll < 45) {
            String id = "com-" + n;
            openCommitments.add(id);
            return new CommitmentMade(initiativeId, id, any(people), "Member", "Committed result " + n,
                    at.plus(Duration.ofDays(7 + random.nextInt(49))), null, null, null, at);
        }
        if (roll < 55 && !openCommitments.isEmpty()) {
            String id = openCommitments.remove(random.nextInt(openCommitments.size()));
            fulfilled.add(id);
            return new CommitmentFulfilled(initiativeId, id, "Delivered (" + n + ")", at);
        }
        if (roll < 58 && !openCommitments.isEmpty()) {
            String id = openCommitments.remove(random.nextInt(openCommitments.size()));
            return new CommitmentWithdrawn(initiativeId, id, "Reassigned (" + n + ")", at);
        }
        if (roll < 70) {
            List<String> two = distinct(2);
            String about = fulfilled.isEmpty() || random.nextBoolean() ? null
                    : fulfilled.get(Math.max(0, fulfilled.size() - 1 - random.nextInt(20)));
            return roll < 64
                    ? new FeedbackGiven(initiativeId, "fb-" + n, two.get(0), two.get(1), about, "Feedback " + n, at)
                    : new ContributionAcknowledged(initiativeId, "ack-" + n, two.get(0), two.get(1), about,
                    "Thanks " + n, at);
        }
        return new RelationshipEstablished(initiativeId, "rel-" + n, distinct(2 + random.nextInt(3)),
                "Conversation " + n + ": each of us says early when a date is at risk", at);
    }

    private String any(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private List<String> distinct(int count) {
        List<String> shuffled = new ArrayList<>(people);
        Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
    }

    // ---------------------------------------------------------------- writing

    /**
     * Appends the events as versions 1..n of their initiative, in COPY batches.
     *
     * @return the number of rows written
     */
    static long write(Connection connection, List<Recorded> events) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        StringBuilder rows = new StringBuilder();
        int inBatch = 0;
        long version = 0;
        for (Recorded recorded : events) {
            InitiativeEvent event = recorded.event();
            version++;
            rows.append(UUID.randomUUID()).append('\t').append(event.initiativeId()).append('\t').append(version)
                    .append('\t').append(EventTypes.typeOf(event)).append('\t')
                    .append(copyText(EventCodec.encode(event))).append('\t').append(recorded.recordedAt()).append('\t')
                    .append("accord-bench-history").append('\n');
            if (++inBatch == BATCH_ROWS) {
                copy(connection, rows);
                rows.setLength(0);
                inBatch = 0;
            }
        }
        copy(connection, rows);
        connection.commit();
        connection.setAutoCommit(autoCommit);
        return version;
    }

    private static void copy(Connection connection, StringBuilder rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "copy event_store (event_id, initiative_id, version, type, data, recorded_at, correlation_id)"
                        + " from stdin");
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
    }

    /** PostgreSQL's COPY text format: backslash, tab, newline and carriage return escaped. */
    private static String copyText(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
