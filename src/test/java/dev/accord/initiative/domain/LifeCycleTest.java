package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRenegotiated;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequestDeclined;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request and commitment life cycles that the decider and every fold share. */
class LifeCycleTest {

    private static final UUID ID = UUID.fromString("1e5d8c20-7b4a-4f39-a6d1-0c9e2b7f5a48");
    private static final Instant AT = Instant.parse("2026-06-01T09:00:00Z");

    @Test
    void requests_and_commitments_start_open_and_only_open_ones_can_move_on() {
        assertTrue(RequestStatus.asked().isOpen());
        assertTrue(CommitmentStatus.made().isOpen());
        assertFalse(RequestStatus.DECLINED.isOpen());
        assertFalse(RequestStatus.PROMISED.isOpen());
        assertFalse(CommitmentStatus.FULFILLED.isOpen());
        assertFalse(CommitmentStatus.WITHDRAWN.isOpen());
    }

    @Test
    void a_decline_answers_the_request_it_names_with_when_and_why() {
        assertEquals(Optional.of(new RequestStatus.Answer("req-1", RequestStatus.DECLINED, null, AT, "No time")),
                RequestStatus.answerIn(new CommitmentRequestDeclined(ID, "req-1", "No time", AT)));
    }

    @Test
    void a_commitment_made_in_answer_promises_the_request_and_one_made_freely_answers_none() {
        assertEquals(Optional.of(new RequestStatus.Answer("req-1", RequestStatus.PROMISED, "c-1", null, null)),
                RequestStatus.answerIn(made("req-1")));
        assertEquals(Optional.empty(), RequestStatus.answerIn(made(null)));
        assertEquals(Optional.empty(), CommitmentStatus.closingIn(made(null)));
    }

    @Test
    void a_fulfilment_on_the_due_date_is_on_time_and_one_after_it_is_late() {
        CommitmentStatus.Closing closing = CommitmentStatus.closingIn(
                new CommitmentFulfilled(ID, "c-1", "model.xlsx", AT)).orElseThrow();
        assertEquals(new CommitmentStatus.Closing("c-1", CommitmentStatus.FULFILLED, AT, "model.xlsx"), closing);
        assertTrue(closing.fulfilledOnTime(AT));
        assertFalse(closing.fulfilledOnTime(AT.minusSeconds(1)));
    }

    @Test
    void a_withdrawal_closes_the_commitment_with_its_reason_and_no_timeliness() {
        CommitmentStatus.Closing closing = CommitmentStatus.closingIn(
                new CommitmentWithdrawn(ID, "c-1", "Budget cut", AT)).orElseThrow();
        assertEquals(new CommitmentStatus.Closing("c-1", CommitmentStatus.WITHDRAWN, AT, "Budget cut"), closing);
        assertNull(closing.fulfilledOnTime(AT));
    }

    @Test
    void new_terms_replace_only_what_they_name() {
        CommitmentRenegotiated dueOnly = new CommitmentRenegotiated(ID, "c-1", null, AT, "Legal review", AT);
        assertEquals("Pricing model", dueOnly.resultAfter("Pricing model"));
        assertEquals(AT, dueOnly.dueByAfter(AT.minusSeconds(60)));
        CommitmentRenegotiated resultOnly = new CommitmentRenegotiated(ID, "c-1", "Pricing v2", null, "Scope", AT);
        assertEquals("Pricing v2", resultOnly.resultAfter("Pricing model"));
        assertEquals(AT.minusSeconds(60), resultOnly.dueByAfter(AT.minusSeconds(60)));
    }

    private static CommitmentMade made(String requestId) {
        return new CommitmentMade(ID, "c-1", "ana", "owner", "Pricing model", AT, requestId, null, null, AT);
    }
}
