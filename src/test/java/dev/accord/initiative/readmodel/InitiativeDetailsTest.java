package dev.accord.initiative.readmodel;

import dev.accord.eventstore.EventTypes;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.CommitmentStatus;
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
import dev.accord.initiative.domain.InitiativeEvent.Milestone;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.InitiativeStatus;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.RequestStatus;
import dev.accord.initiative.domain.Stance;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The details document, folded without a database: one sample of every event type. */
class InitiativeDetailsTest {

    private static final UUID ID = UUID.fromString("5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10");
    private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    private static Instant day(int n) {
        return T.plusSeconds(86_400L * n);
    }

    /** A history that uses every event type at least once. */
    static List<InitiativeEvent> everyEventType() {
        return List.of(
                new InitiativeLaunched(ID, "Grow EMEA", "Trusted partner", new Person("sam", "Sam", "exec", "Sponsor"),
                        List.of("exec", "sales", "finance"), LocalDate.parse("2027-06-30"), null),
                new ParticipantJoined(ID, "ana", "Ana", "sales", "Account lead"),
                new ParticipantJoined(ID, "bo", "Bo", "finance", "Analyst"),
                new ParticipantJoined(ID, "cy", "Cy", "sales", "Intern"),
                new ParticipantLeft(ID, "cy", "moved team"),
                new RelationshipEstablished(ID, "rel-1", List.of("sam", "ana"), "Budget and accounts", day(0)),
                new PossibilityShared(ID, "pos-1", "Bundle pricing", "sam", List.of("ana", "bo"), List.of(), day(1)),
                new PossibilityResponded(ID, "pos-1", "ana", Stance.OWNS, "mine", day(2)),
                new PathwayMapped(ID, "path-1", "pos-1", List.of("sam", "ana"), "who", "what", "when", "where", "how",
                        List.of(new Milestone("ms-1", "Pilot", day(30), "sales")), day(3)),
                new CommitmentRequested(ID, "req-1", "sam", "bo", "Pricing model", day(10), day(3)),
                new CommitmentRequested(ID, "req-2", "sam", "ana", "Training", day(10), day(3)),
                new CommitmentRequestDeclined(ID, "req-2", "No time", day(4)),
                new CommitmentMade(ID, "com-1", "bo", "Analyst", "Pricing model", day(12), "req-1", "path-1", "ms-1",
                        day(4)),
                new CommitmentMade(ID, "com-2", "ana", "Lead", "Accounts", day(5), null, null, null, day(4)),
                new CommitmentRenegotiated(ID, "com-1", null, day(14), "Legal review", day(6)),
                new CommitmentFulfilled(ID, "com-1", "model.xlsx", day(13)),
                new CommitmentWithdrawn(ID, "com-2", "Budget cut", day(7)),
                new FeedbackGiven(ID, "fb-1", "sam", "bo", "com-1", "Clear model", day(15)),
                new ContributionAcknowledged(ID, "ack-1", "sam", "bo", "com-1", "Thank you", day(15)),
                new InitiativeCompleted(ID, "sam", "Done", day(16)));
    }

    private static InitiativeDetails fold(List<InitiativeEvent> events) {
        InitiativeDetails details = null;
        for (int i = 0; i < events.size(); i++) {
            InitiativeEvent event = events.get(i);
            details = InitiativeDetails.apply(details, new StoredEvent(UUID.randomUUID(), ID, i + 1,
                    EventTypes.typeOf(event), event, day(20).plusSeconds(i), null));
        }
        return details;
    }

    @Test
    void every_event_type_is_known_to_the_details_view() {
        Set<Class<?>> sampled = everyEventType().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(Set.copyOf(Arrays.asList(InitiativeEvent.class.getPermittedSubclasses())), sampled,
                "add a sample of the new event type to everyEventType()");
        assertEquals(everyEventType().size(), fold(everyEventType()).version());
    }

    @Test
    void the_document_tells_the_whole_story() {
        InitiativeDetails details = fold(everyEventType());
        assertEquals(InitiativeStatus.COMPLETED, details.status());
        assertEquals(List.of("ana", "bo", "sam"), details.participants().stream()
                .map(InitiativeDetails.Participant::personId).toList());
        assertEquals("cy", details.formerParticipants().get(0).personId());
        assertEquals(List.of("sam", "ana"), details.relationships().get(0).participants());
        assertEquals(Stance.OWNS, details.possibilities().get(0).responses().get(0).stance());
        assertEquals("ms-1", details.pathways().get(0).milestones().get(0).milestoneId());
        assertEquals(List.of(RequestStatus.PROMISED, RequestStatus.DECLINED),
                details.requests().stream().map(InitiativeDetails.Request::status).toList());
        assertEquals("com-1", details.requests().get(0).commitmentId());

        InitiativeDetails.Commitment pricing = details.commitments().get(0);
        assertEquals(CommitmentStatus.FULFILLED, pricing.status());
        assertEquals(day(14), pricing.dueBy());
        assertEquals("Pricing model", pricing.result());
        assertEquals(1, pricing.renegotiations().size());
        assertTrue(pricing.fulfilledOnTime(), "fulfilled on day 13 against the renegotiated day 14");
        InitiativeDetails.Commitment accounts = details.commitments().get(1);
        assertEquals(CommitmentStatus.WITHDRAWN, accounts.status());
        assertEquals("Budget cut", accounts.withdrawalReason());
        assertNull(accounts.fulfilledOnTime());

        assertEquals("fb-1", details.feedback().get(0).feedbackId());
        assertEquals("ack-1", details.acknowledgements().get(0).acknowledgementId());
        assertEquals("Done", details.completion().summary());
    }

    @Test
    void only_open_commitments_past_their_due_date_are_overdue_at_the_readers_clock() {
        List<InitiativeEvent> history = new ArrayList<>(everyEventType().subList(0, 3));
        history.add(new CommitmentMade(ID, "open", "ana", "Lead", "Accounts", day(5), null, null, null, day(1)));
        history.add(new CommitmentMade(ID, "done", "bo", "Analyst", "Model", day(5), null, null, null, day(1)));
        history.add(new CommitmentFulfilled(ID, "done", null, day(9)));
        InitiativeDetails details = fold(history);

        assertEquals(List.of(false, false), overdue(details.at(day(5))));
        assertEquals(List.of(true, false), overdue(details.at(day(6))));
        assertFalse(details.commitments().get(1).fulfilledOnTime(), "fulfilled on day 9, due on day 5");
    }

    private static List<Boolean> overdue(InitiativeDetails details) {
        return details.commitments().stream().map(InitiativeDetails.Commitment::overdue).toList();
    }
}
