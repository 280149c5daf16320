package dev.accord.alignment.domain;

import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRenegotiated;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequestDeclined;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequested;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeCompleted;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.Stance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An initiative's history written as the conversations it records, so that an alignment test
 * states only the people and the talks that make its numbers:
 *
 * <pre>{@code
 * launch("S", "exec", "exec", "sales").join("A", "sales").relationship("S", "A").at(day(1))
 * }</pre>
 *
 * <p>Time is counted in days from {@link #DAY_0}. Conversations happen at the history's clock,
 * {@code DAY_0} until {@link #on(Instant)} moves it; fulfilments name their own instant because
 * when they happen is what the tests are about. People are known by short ids whose display
 * name and role are derived from them.
 *
 * <p>{@link #at(Instant)} evaluates the state and, on the way, checks that folding the events
 * one at a time from nothing gives the same facts and the same state as folding them at once.
 * Every history in these tests is therefore also a case of incremental folding.
 */
final class AlignmentHistory {

    static final UUID INITIATIVE = UUID.fromString("0b6c3f9e-4f1e-4a8e-9d59-2f4d8e1c7a21");
    static final Instant DAY_0 = Instant.parse("2026-03-02T09:00:00Z");

    private final List<InitiativeEvent> events = new ArrayList<>();
    private Instant now = DAY_0;
    private int relationships;
    private int pathways;
    private int feedback;
    private int acknowledgements;

    private AlignmentHistory() {
    }

    static Instant day(int days) {
        return DAY_0.plus(Duration.ofDays(days));
    }

    static String displayName(String personId) {
        return "Person " + personId;
    }

    /** The sponsor, in {@code unit}, launches with the {@code units} the initiative declares. */
    static AlignmentHistory launch(String sponsor, String unit, String... units) {
        AlignmentHistory history = new AlignmentHistory();
        history.events.add(new InitiativeLaunched(INITIATIVE, "Grow EMEA", "Be the trusted partner",
                new Person(sponsor, displayName(sponsor), unit, "Sponsor"), List.of(units), null, null));
        return history;
    }

    /** The conversations that follow happen at {@code instant}. */
    AlignmentHistory on(Instant instant) {
        now = instant;
        return this;
    }

    AlignmentHistory join(String person, String unit) {
        return record(new ParticipantJoined(INITIATIVE, person, displayName(person), unit, "Member"));
    }

    AlignmentHistory leave(String person) {
        return record(new ParticipantLeft(INITIATIVE, person, "Moved on"));
    }

    AlignmentHistory relationship(String... people) {
        relationships++;
        return record(new RelationshipEstablished(INITIATIVE, "r" + relationships, List.of(people),
                "What we can count on each other for", now));
    }

    AlignmentHistory share(String possibilityId, String by, List<String> audience, List<String> coAuthors) {
        return record(new PossibilityShared(INITIATIVE, possibilityId, "Statement of " + possibilityId, by, audience,
                coAuthors, now));
    }

    AlignmentHistory respond(String possibilityId, String person, Stance stance) {
        return record(new PossibilityResponded(INITIATIVE, possibilityId, person, stance, null, now));
    }

    AlignmentHistory pathway(String possibilityId, String... people) {
        pathways++;
        return record(new PathwayMapped(INITIATIVE, "w" + pathways, possibilityId, List.of(people), "who", "what",
                "when", "where", "how", List.of(), now));
    }

    AlignmentHistory request(String requestId, String by, String person, Instant dueBy) {
        return record(new CommitmentRequested(INITIATIVE, requestId, by, person, "A result", dueBy, now));
    }

    AlignmentHistory decline(String requestId) {
        return record(new CommitmentRequestDeclined(INITIATIVE, requestId, "No capacity", now));
    }

    AlignmentHistory commit(String commitmentId, String person, Instant dueBy) {
        return record(new CommitmentMade(INITIATIVE, commitmentId, person, "Member", "A result", dueBy, null, null,
                null, now));
    }

    /** The person asked in {@code requestId} promises it on the requested terms. */
    AlignmentHistory promise(String requestId, String commitmentId, String person, Instant dueBy) {
        return record(new CommitmentMade(INITIATIVE, commitmentId, person, "Member", "A result", dueBy, requestId,
                null, null, now));
    }

    AlignmentHistory renegotiate(String commitmentId, Instant newDueBy) {
        return record(new CommitmentRenegotiated(INITIATIVE, commitmentId, null, newDueBy, "New facts", now));
    }

    /** New terms that keep the due date: only the result changes. */
    AlignmentHistory renegotiateResult(String commitmentId) {
        return record(new CommitmentRenegotiated(INITIATIVE, commitmentId, "A smaller result", null, "New facts",
                now));
    }

    AlignmentHistory fulfil(String commitmentId, Instant at) {
        return record(new CommitmentFulfilled(INITIATIVE, commitmentId, null, at));
    }

    AlignmentHistory withdraw(String commitmentId) {
        return record(new CommitmentWithdrawn(INITIATIVE, commitmentId, "Priorities changed", now));
    }

    AlignmentHistory feedback(String from, String to, String commitmentId) {
        feedback++;
        return record(new FeedbackGiven(INITIATIVE, "f" + feedback, from, to, commitmentId, "Keep going", now));
    }

    AlignmentHistory acknowledge(String from, String to, String commitmentId) {
        acknowledgements++;
        return record(new ContributionAcknowledged(INITIATIVE, "k" + acknowledgements, from, to, commitmentId,
                "Thank you", now));
    }

    AlignmentHistory complete(String by) {
        return record(new InitiativeCompleted(INITIATIVE, by, "Done", now));
    }

    List<InitiativeEvent> events() {
        return List.copyOf(events);
    }

    /**
     * The alignment state at {@code asOf}, after checking that folding event by event from
     * nothing gives the facts — and so the state — that folding the whole list gives.
     */
    AlignmentState at(Instant asOf) {
        AlignmentFacts folded = AlignmentFold.fold(INITIATIVE, events);
        AlignmentFacts stepped = null;
        for (InitiativeEvent event : events) {
            stepped = AlignmentFold.apply(stepped, event);
        }
        assertEquals(folded, stepped, "facts folded one event at a time");
        AlignmentState state = Alignment.evaluate(folded, asOf);
        assertEquals(state, Alignment.evaluate(stepped, asOf), "state evaluated from facts folded one at a time");
        assertEquals(state, Alignment.of(INITIATIVE, events, asOf), "Alignment.of");
        return state;
    }

    private AlignmentHistory record(InitiativeEvent event) {
        events.add(event);
        return this;
    }

    // ----- reading a state ------------------------------------------------------------------

    /**
     * A recommendation in one line: its kind, what it is about (possibility, request or
     * commitment, when set), its units when they are the point (UNIT_ENTRY, UNIT_LINK), and
     * its people — e.g. {@code "MAP_PATHWAY beta [A, S]"}, {@code "UNIT_LINK [exec, sales] []"}.
     */
    static String line(Recommendation item) {
        StringBuilder line = new StringBuilder(item.kind().name());
        for (String about : new String[] {item.possibilityId(), item.requestId(), item.commitmentId()}) {
            if (about != null) {
                line.append(' ').append(about);
            }
        }
        if (item.kind() == Recommendation.Kind.UNIT_ENTRY || item.kind() == Recommendation.Kind.UNIT_LINK) {
            line.append(' ').append(item.units());
        }
        return line.append(' ').append(item.participants()).toString();
    }

    static List<String> lines(AlignmentState state) {
        return state.recommendations().stream().map(AlignmentHistory::line).toList();
    }

    static AlignmentState.ParticipantAlignment participant(AlignmentState state, String personId) {
        return state.participants().stream()
                .filter(p -> p.personId().equals(personId))
                .findFirst()
                .orElseThrow(() -> new AssertionError(personId + " is not an active participant"));
    }

    static OverallStance stanceOf(AlignmentState state, String personId) {
        return participant(state, personId).stance();
    }

    static List<String> personIds(AlignmentState state) {
        return state.participants().stream().map(AlignmentState.ParticipantAlignment::personId).toList();
    }

    static List<Integer> engaged(AlignmentState state) {
        return state.stages().stream().map(AlignmentState.StageCoverage::engaged).toList();
    }

    static List<Double> coverages(AlignmentState state) {
        return state.stages().stream().map(AlignmentState.StageCoverage::coverage).toList();
    }

    static List<AlignmentState.CoverageStatus> statuses(AlignmentState state) {
        return state.stages().stream().map(AlignmentState.StageCoverage::status).toList();
    }
}
