package dev.accord.initiative.domain;

import dev.accord.initiative.domain.Initiative.Request;
import dev.accord.initiative.domain.InitiativeCommand.DeclineCommitmentRequest;
import dev.accord.initiative.domain.InitiativeCommand.FulfilCommitment;
import dev.accord.initiative.domain.InitiativeCommand.MakeCommitment;
import dev.accord.initiative.domain.InitiativeCommand.RenegotiateCommitment;
import dev.accord.initiative.domain.InitiativeCommand.RequestCommitment;
import dev.accord.initiative.domain.InitiativeCommand.WithdrawCommitment;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRenegotiated;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequestDeclined;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequested;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;

import java.time.Instant;
import java.util.Optional;

/**
 * Stage 4: requests and the promises that answer them, and the life of a commitment. A request
 * is open until declined or promised; a commitment is open until fulfilled or withdrawn, and
 * only an open one can change (409 otherwise). Content is judged before state, so a client
 * fixing a 422 is not told about a 409 it could not yet see.
 */
final class CommitmentPolicy {

    private CommitmentPolicy() {
    }

    static CommitmentRequested request(RequestCommitment command, Initiative state) {
        Validation validation = new Validation()
                .participant("requestedBy", command.requestedBy(), state)
                .participant("personId", command.personId(), state)
                .text("result", command.result());
        Instant occurredAt = validation.occurredAt(command.occurredAt(), command.now(), state);
        Instant dueBy = validation.dueBy("dueBy", command.dueBy(), occurredAt);
        validation.throwIfInvalid();
        return new CommitmentRequested(command.initiativeId(), command.requestId(), command.requestedBy(),
                command.personId(), command.result(), dueBy, occurredAt);
    }

    static CommitmentRequestDeclined decline(DeclineCommitmentRequest command, Initiative state) {
        Validation validation = new Validation()
                .reference("requestId", command.requestId(), id -> state.request(id).isPresent(), "commitment request")
                .text("reason", command.reason());
        Instant occurredAt = validation.occurredAt(command.occurredAt(), command.now(), state);
        state.request(command.requestId()).ifPresent(asked ->
                validation.notBefore(occurredAt, asked.occurredAt(), "the request"));
        validation.throwIfInvalid();
        requireOpen(command.requestId(), state.request(command.requestId()).orElseThrow(), "declined");
        return new CommitmentRequestDeclined(command.initiativeId(), command.requestId(), command.reason(),
                occurredAt);
    }

    /**
     * A promise, perhaps answering a request. The person promising is the person who was asked;
     * different terms (result, dueBy) are a counter-offer and still answer the request.
     */
    static CommitmentMade make(MakeCommitment command, Initiative state) {
        Validation validation = new Validation()
                .participant("personId", command.personId(), state);
        boolean personIsValid = validation.isValid();
        validation.name("role", command.role())
                .text("result", command.result());
        Instant occurredAt = validation.occurredAt(command.occurredAt(), command.now(), state);
        Instant dueBy = validation.dueBy("dueBy", command.dueBy(), occurredAt);
        validation.optionalReference("requestId", command.requestId(), id -> state.request(id).isPresent(),
                "commitment request");
        Optional<Request> request = Optional.ofNullable(command.requestId()).flatMap(state::request);
        request.ifPresent(asked -> validation.notBefore(occurredAt, asked.occurredAt(), "the request"));
        request.filter(asked -> personIsValid && !asked.personId().equals(command.personId()))
                .ifPresent(asked -> validation.fail("personId", "request " + command.requestId() + " asked "
                        + asked.personId() + ", so only " + asked.personId() + " can promise it"));
        validation.optionalReference("pathwayId", command.pathwayId(), state::hasPathway, "pathway")
                .optionalReference("milestoneId", command.milestoneId(),
                        id -> state.pathwayOfMilestone(id).isPresent(), "milestone");
        if (command.milestoneId() != null && command.pathwayId() != null) {
            state.pathwayOfMilestone(command.milestoneId())
                    .filter(pathway -> !pathway.equals(command.pathwayId()))
                    .ifPresent(pathway -> validation.fail("milestoneId", "milestone " + command.milestoneId()
                            + " belongs to pathway " + pathway + ", not " + command.pathwayId()));
        }
        validation.throwIfInvalid();
        request.ifPresent(asked -> requireOpen(command.requestId(), asked, "promised"));
        return new CommitmentMade(command.initiativeId(), command.commitmentId(), command.personId(), command.role(),
                command.result(), dueBy, command.requestId(), command.pathwayId(), command.milestoneId(), occurredAt);
    }

    static CommitmentRenegotiated renegotiate(RenegotiateCommitment command, Initiative state) {
        Validation validation = existing(command.commitmentId(), state)
                .optionalText("result", command.result())
                .text("reason", command.reason());
        Instant occurredAt = occurredAt(validation, command.commitmentId(), command.occurredAt(), command.now(), state);
        Instant dueBy = validation.optionalDueBy("dueBy", command.dueBy(), occurredAt);
        if (command.result() == null && command.dueBy() == null) {
            validation.fail("dueBy", "a renegotiation changes the terms: give a new dueBy, a new result, or both");
        }
        validation.throwIfInvalid();
        requireOpen(command.commitmentId(), state, "renegotiated");
        return new CommitmentRenegotiated(command.initiativeId(), command.commitmentId(), command.result(), dueBy,
                command.reason(), occurredAt);
    }

    static CommitmentFulfilled fulfil(FulfilCommitment command, Initiative state) {
        Validation validation = existing(command.commitmentId(), state)
                .optionalText("evidence", command.evidence());
        Instant occurredAt = occurredAt(validation, command.commitmentId(), command.occurredAt(), command.now(), state);
        validation.throwIfInvalid();
        requireOpen(command.commitmentId(), state, "fulfilled");
        return new CommitmentFulfilled(command.initiativeId(), command.commitmentId(), command.evidence(), occurredAt);
    }

    static CommitmentWithdrawn withdraw(WithdrawCommitment command, Initiative state) {
        Validation validation = existing(command.commitmentId(), state)
                .text("reason", command.reason());
        Instant occurredAt = occurredAt(validation, command.commitmentId(), command.occurredAt(), command.now(), state);
        validation.throwIfInvalid();
        requireOpen(command.commitmentId(), state, "withdrawn");
        return new CommitmentWithdrawn(command.initiativeId(), command.commitmentId(), command.reason(), occurredAt);
    }

    private static Validation existing(String commitmentId, Initiative state) {
        return new Validation().reference("commitmentId", commitmentId, id -> state.commitment(id).isPresent(),
                "commitment");
    }

    /** A change to a commitment happens after it was made. */
    private static Instant occurredAt(Validation validation, String commitmentId, String occurredAt, Instant now,
                                      Initiative state) {
        Instant at = validation.occurredAt(occurredAt, now, state);
        return validation.notBefore(at, state.commitmentMadeAt(commitmentId).orElse(null), "the commitment");
    }

    private static void requireOpen(String commitmentId, Initiative state, String change) {
        CommitmentStatus status = state.commitment(commitmentId).orElseThrow();
        if (!status.isOpen()) {
            throw new Rejection.Conflict("commitment " + commitmentId + " is " + status
                    + "; only an OPEN commitment can be " + change);
        }
    }

    private static void requireOpen(String requestId, Request request, String change) {
        if (!request.status().isOpen()) {
            throw new Rejection.Conflict("commitment request " + requestId + " is " + request.status()
                    + "; only an OPEN request can be " + change);
        }
    }
}
