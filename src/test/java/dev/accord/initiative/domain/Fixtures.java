package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeCommand.AcknowledgeContribution;
import dev.accord.initiative.domain.InitiativeCommand.CompleteInitiative;
import dev.accord.initiative.domain.InitiativeCommand.DeclineCommitmentRequest;
import dev.accord.initiative.domain.InitiativeCommand.EstablishRelationship;
import dev.accord.initiative.domain.InitiativeCommand.FulfilCommitment;
import dev.accord.initiative.domain.InitiativeCommand.GiveFeedback;
import dev.accord.initiative.domain.InitiativeCommand.JoinInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LaunchInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LeaveInitiative;
import dev.accord.initiative.domain.InitiativeCommand.MakeCommitment;
import dev.accord.initiative.domain.InitiativeCommand.MapPathway;
import dev.accord.initiative.domain.InitiativeCommand.PlannedMilestone;
import dev.accord.initiative.domain.InitiativeCommand.RenegotiateCommitment;
import dev.accord.initiative.domain.InitiativeCommand.RequestCommitment;
import dev.accord.initiative.domain.InitiativeCommand.RespondToPossibility;
import dev.accord.initiative.domain.InitiativeCommand.SharePossibility;
import dev.accord.initiative.domain.InitiativeCommand.WithdrawCommitment;
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

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Builders for the domain tests: a realistic initiative without copy-pasted literals.
 *
 * <p>Each conversation has a builder ({@code aRelationship()}, {@code aCommitment()}, …) that
 * answers both the {@code command()} a client would send and the {@code event()} the decider
 * should record for it, so a test states only what it varies. Commands are decided at
 * {@link #NOW} and carry the ids the server made ({@code rel-1}, {@code c-1}, …); without an
 * {@code occurredAt} the event happened at {@code NOW}.
 */
final class Fixtures {

    static final UUID INITIATIVE = UUID.fromString("5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10");
    static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    /** When the usual initiative was launched: every conversation of it happened since. */
    static final Instant LAUNCHED_AT = Instant.parse("2026-11-01T09:00:00Z");
    static final String BEFORE_LAUNCH = "2026-10-31T09:00:00Z";
    static final Person SPONSOR = new Person("sam.sponsor", "Sam Sponsor", "exec", "Sponsor");

    static final String SAM = SPONSOR.personId();
    static final String ANA = "ana";
    static final String BEN = "ben";
    static final String CAL = "cal";
    /** Someone the HR system knows who never joined this initiative. */
    static final String STRANGER = "zoe";

    static final String EARLIER = "2026-11-20T09:00:00Z";
    static final String A_SECOND_FROM_NOW = "2026-11-28T09:00:01Z";
    static final String DUE = "2027-03-31T17:00:00Z";
    static final String LATER_DUE = "2027-04-30T17:00:00Z";
    static final String BEFORE_NOW = "2026-11-27T17:00:00Z";

    private Fixtures() {
    }

    // ----- the initiative and its people -----------------------------------------------------

    static LaunchInitiative aLaunch() {
        return new LaunchInitiative(INITIATIVE, "Grow EMEA", "Be the trusted partner of mid-size firms", SPONSOR,
                List.of("exec", "sales", "finance"), "2027-06-30", null, LAUNCHED_AT);
    }

    static InitiativeLaunched launched() {
        return new InitiativeLaunched(INITIATIVE, "Grow EMEA", "Be the trusted partner of mid-size firms", SPONSOR,
                List.of("exec", "sales", "finance"), LocalDate.parse("2027-06-30"), LAUNCHED_AT);
    }

    /**
     * The usual history: launched by Sam (exec), joined by Ana (sales), Ben (finance) and Cal
     * (sales), followed by {@code then}.
     */
    static InitiativeEvent[] aLaunchedInitiative(InitiativeEvent... then) {
        return Stream.concat(Stream.of(launched(), joined(ANA, "sales"), joined(BEN, "finance"), joined(CAL, "sales")),
                Arrays.stream(then)).toArray(InitiativeEvent[]::new);
    }

    /** {@code history} and then {@code more}: for a state a test reaches step by step. */
    static InitiativeEvent[] and(InitiativeEvent[] history, InitiativeEvent... more) {
        return Stream.concat(Arrays.stream(history), Arrays.stream(more)).toArray(InitiativeEvent[]::new);
    }

    static Initiative stateAfter(InitiativeEvent... history) {
        return Initiative.fold(INITIATIVE, List.of(history));
    }

    static JoinInitiative join(String personId, String unit) {
        return new JoinInitiative(INITIATIVE, personId, displayName(personId), unit, "Member", NOW);
    }

    static ParticipantJoined joined(String personId, String unit) {
        return new ParticipantJoined(INITIATIVE, personId, displayName(personId), unit, "Member");
    }

    static LeaveInitiative leave(String personId) {
        return new LeaveInitiative(INITIATIVE, personId, null, NOW);
    }

    static ParticipantLeft left(String personId) {
        return new ParticipantLeft(INITIATIVE, personId, null);
    }

    private static String displayName(String personId) {
        return personId.substring(0, 1).toUpperCase() + personId.substring(1);
    }

    /**
     * One command of every kind but launch, each of which {@link #aBusyInitiative()} accepts:
     * tests that a rule about the initiative itself (not launched, completed) stops them all.
     */
    static List<InitiativeCommand> oneOfEveryCommandButLaunch() {
        return List.of(
                join("dee", "finance"),
                leave(CAL),
                aRelationship().command(),
                aPossibility().id("pos-2").command(),
                aResponse().command(),
                aPathway().command(),
                aRequest().id("req-2").command(),
                aDecline().command(),
                aCommitment().id("c-2").answering("req-1").command(),
                aRenegotiation().command(),
                aFulfilment().command(),
                aWithdrawal().command(),
                aFeedback().command(),
                anAcknowledgement().command(),
                aCompletion().command());
    }

    /** The usual people, a shared possibility, an open request of Ana and Ana's open commitment c-1. */
    static InitiativeEvent[] aBusyInitiative(InitiativeEvent... then) {
        return and(aLaunchedInitiative(aPossibility().event(), aRequest().event(), aCommitment().event()), then);
    }

    static Instant instant(String isoWithOffset) {
        return isoWithOffset == null ? null : OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    // ----- the conversations -----------------------------------------------------------------

    static RelationshipBuilder aRelationship() {
        return new RelationshipBuilder();
    }

    static PossibilityBuilder aPossibility() {
        return new PossibilityBuilder();
    }

    static ResponseBuilder aResponse() {
        return new ResponseBuilder();
    }

    static PathwayBuilder aPathway() {
        return new PathwayBuilder();
    }

    static RequestBuilder aRequest() {
        return new RequestBuilder();
    }

    static DeclineBuilder aDecline() {
        return new DeclineBuilder();
    }

    static CommitmentBuilder aCommitment() {
        return new CommitmentBuilder();
    }

    static RenegotiationBuilder aRenegotiation() {
        return new RenegotiationBuilder();
    }

    static FulfilmentBuilder aFulfilment() {
        return new FulfilmentBuilder();
    }

    static WithdrawalBuilder aWithdrawal() {
        return new WithdrawalBuilder();
    }

    static FeedbackBuilder aFeedback() {
        return new FeedbackBuilder();
    }

    static AcknowledgementBuilder anAcknowledgement() {
        return new AcknowledgementBuilder();
    }

    static CompletionBuilder aCompletion() {
        return new CompletionBuilder();
    }

    /** What every conversation shares: when it happened, as the client says it, defaulting to now. */
    abstract static class Conversation<B extends Conversation<B>> {
        String occurredAt;

        @SuppressWarnings("unchecked")
        B occurredAt(String occurredAt) {
            this.occurredAt = occurredAt;
            return (B) this;
        }

        Instant occurred() {
            return occurredAt == null ? NOW : instant(occurredAt);
        }

        abstract InitiativeCommand command();

        abstract InitiativeEvent event();
    }

    static final class RelationshipBuilder extends Conversation<RelationshipBuilder> {
        private String relationshipId = "rel-1";
        private List<String> participants = List.of(SAM, ANA);
        private String mutualUnderstanding = "We tell each other early when a promise is at risk";

        RelationshipBuilder id(String relationshipId) {
            this.relationshipId = relationshipId;
            return this;
        }

        RelationshipBuilder between(String... personIds) {
            return between(Arrays.asList(personIds));
        }

        RelationshipBuilder between(List<String> personIds) {
            this.participants = personIds;
            return this;
        }

        RelationshipBuilder understanding(String mutualUnderstanding) {
            this.mutualUnderstanding = mutualUnderstanding;
            return this;
        }

        @Override
        EstablishRelationship command() {
            return new EstablishRelationship(INITIATIVE, relationshipId, participants, mutualUnderstanding,
                    occurredAt, NOW);
        }

        @Override
        RelationshipEstablished event() {
            return new RelationshipEstablished(INITIATIVE, relationshipId, participants, mutualUnderstanding,
                    occurred());
        }
    }

    static final class PossibilityBuilder extends Conversation<PossibilityBuilder> {
        private String possibilityId = "pos-1";
        private String statement = "Mid-size firms buy from us through local partners";
        private String sharedBy = SAM;
        private List<String> audience = List.of(ANA, BEN);
        private List<String> coAuthors = List.of();

        PossibilityBuilder id(String possibilityId) {
            this.possibilityId = possibilityId;
            return this;
        }

        PossibilityBuilder statement(String statement) {
            this.statement = statement;
            return this;
        }

        PossibilityBuilder sharedBy(String personId) {
            this.sharedBy = personId;
            return this;
        }

        PossibilityBuilder audience(String... personIds) {
            return audience(Arrays.asList(personIds));
        }

        PossibilityBuilder audience(List<String> personIds) {
            this.audience = personIds;
            return this;
        }

        PossibilityBuilder coAuthors(String... personIds) {
            return coAuthors(Arrays.asList(personIds));
        }

        PossibilityBuilder coAuthors(List<String> personIds) {
            this.coAuthors = personIds;
            return this;
        }

        @Override
        SharePossibility command() {
            return new SharePossibility(INITIATIVE, possibilityId, statement, sharedBy, audience, coAuthors,
                    occurredAt, NOW);
        }

        /** The event records absent lists as empty ones. */
        @Override
        PossibilityShared event() {
            return new PossibilityShared(INITIATIVE, possibilityId, statement, sharedBy,
                    audience == null ? List.of() : audience, coAuthors == null ? List.of() : coAuthors, occurred());
        }
    }

    static final class ResponseBuilder extends Conversation<ResponseBuilder> {
        private String possibilityId = "pos-1";
        private String personId = ANA;
        private Stance stance = Stance.OWNS;
        private String note;

        ResponseBuilder to(String possibilityId) {
            this.possibilityId = possibilityId;
            return this;
        }

        ResponseBuilder by(String personId) {
            this.personId = personId;
            return this;
        }

        ResponseBuilder stance(Stance stance) {
            this.stance = stance;
            return this;
        }

        ResponseBuilder note(String note) {
            this.note = note;
            return this;
        }

        @Override
        RespondToPossibility command() {
            return new RespondToPossibility(INITIATIVE, possibilityId, personId, stance, note, occurredAt, NOW);
        }

        @Override
        PossibilityResponded event() {
            return new PossibilityResponded(INITIATIVE, possibilityId, personId, stance, note, occurred());
        }
    }

    static final class PathwayBuilder extends Conversation<PathwayBuilder> {
        private String pathwayId = "pw-1";
        private String possibilityId = "pos-1";
        private List<String> participants = List.of(SAM, ANA);
        private String who = "Ana leads, Sam sponsors";
        private String what = "Two partners signed in DACH";
        private String when = "By the end of Q1";
        private String where = "Munich and Zurich";
        private String how = "Through the partner programme";
        private List<PlannedMilestone> milestones =
                List.of(new PlannedMilestone("ms-1", "First partner signed", "2027-01-31T17:00:00Z", "sales"));

        PathwayBuilder id(String pathwayId) {
            this.pathwayId = pathwayId;
            return this;
        }

        PathwayBuilder forPossibility(String possibilityId) {
            this.possibilityId = possibilityId;
            return this;
        }

        PathwayBuilder with(String... personIds) {
            return with(personIds == null ? null : Arrays.asList(personIds));
        }

        PathwayBuilder with(List<String> personIds) {
            this.participants = personIds;
            return this;
        }

        /** who, what, when, where and how at once. */
        PathwayBuilder plan(String who, String what, String when, String where, String how) {
            this.who = who;
            this.what = what;
            this.when = when;
            this.where = where;
            this.how = how;
            return this;
        }

        PathwayBuilder milestones(PlannedMilestone... milestones) {
            return milestones(Arrays.asList(milestones));
        }

        PathwayBuilder milestones(List<PlannedMilestone> milestones) {
            this.milestones = milestones;
            return this;
        }

        @Override
        MapPathway command() {
            return new MapPathway(INITIATIVE, pathwayId, possibilityId, participants, who, what, when, where, how,
                    milestones, occurredAt, NOW);
        }

        /** The event records absent milestones as none, with their due dates in UTC. */
        @Override
        PathwayMapped event() {
            List<Milestone> recorded = new ArrayList<>();
            if (milestones != null) {
                for (PlannedMilestone planned : milestones) {
                    recorded.add(new Milestone(planned.milestoneId(), planned.title(), instant(planned.dueBy()),
                            planned.unit()));
                }
            }
            return new PathwayMapped(INITIATIVE, pathwayId, possibilityId, participants, who, what, when, where,
                    how, recorded, occurred());
        }
    }

    static PlannedMilestone milestone(String milestoneId, String title, String dueBy) {
        return new PlannedMilestone(milestoneId, title, dueBy, null);
    }

    static final class RequestBuilder extends Conversation<RequestBuilder> {
        private String requestId = "req-1";
        private String requestedBy = SAM;
        private String personId = ANA;
        private String result = "Two partners signed in DACH";
        private String dueBy = DUE;

        RequestBuilder id(String requestId) {
            this.requestId = requestId;
            return this;
        }

        RequestBuilder by(String requestedBy) {
            this.requestedBy = requestedBy;
            return this;
        }

        RequestBuilder of(String personId) {
            this.personId = personId;
            return this;
        }

        RequestBuilder result(String result) {
            this.result = result;
            return this;
        }

        RequestBuilder dueBy(String dueBy) {
            this.dueBy = dueBy;
            return this;
        }

        @Override
        RequestCommitment command() {
            return new RequestCommitment(INITIATIVE, requestId, requestedBy, personId, result, dueBy, occurredAt, NOW);
        }

        @Override
        CommitmentRequested event() {
            return new CommitmentRequested(INITIATIVE, requestId, requestedBy, personId, result, instant(dueBy),
                    occurred());
        }
    }

    static final class DeclineBuilder extends Conversation<DeclineBuilder> {
        private String requestId = "req-1";
        private String reason = "No capacity before the summer";

        DeclineBuilder of(String requestId) {
            this.requestId = requestId;
            return this;
        }

        DeclineBuilder reason(String reason) {
            this.reason = reason;
            return this;
        }

        @Override
        DeclineCommitmentRequest command() {
            return new DeclineCommitmentRequest(INITIATIVE, requestId, reason, occurredAt, NOW);
        }

        @Override
        CommitmentRequestDeclined event() {
            return new CommitmentRequestDeclined(INITIATIVE, requestId, reason, occurred());
        }
    }

    static final class CommitmentBuilder extends Conversation<CommitmentBuilder> {
        private String commitmentId = "c-1";
        private String personId = ANA;
        private String role = "Partner lead";
        private String result = "Two partners signed in DACH";
        private String dueBy = DUE;
        private String requestId;
        private String pathwayId;
        private String milestoneId;

        CommitmentBuilder id(String commitmentId) {
            this.commitmentId = commitmentId;
            return this;
        }

        CommitmentBuilder by(String personId) {
            this.personId = personId;
            return this;
        }

        CommitmentBuilder role(String role) {
            this.role = role;
            return this;
        }

        CommitmentBuilder result(String result) {
            this.result = result;
            return this;
        }

        CommitmentBuilder dueBy(String dueBy) {
            this.dueBy = dueBy;
            return this;
        }

        CommitmentBuilder answering(String requestId) {
            this.requestId = requestId;
            return this;
        }

        CommitmentBuilder onPathway(String pathwayId) {
            this.pathwayId = pathwayId;
            return this;
        }

        CommitmentBuilder forMilestone(String milestoneId) {
            this.milestoneId = milestoneId;
            return this;
        }

        @Override
        MakeCommitment command() {
            return new MakeCommitment(INITIATIVE, commitmentId, personId, role, result, dueBy, requestId, pathwayId,
                    milestoneId, occurredAt, NOW);
        }

        @Override
        CommitmentMade event() {
            return new CommitmentMade(INITIATIVE, commitmentId, personId, role, result, instant(dueBy), requestId,
                    pathwayId, milestoneId, occurred());
        }
    }

    static final class RenegotiationBuilder extends Conversation<RenegotiationBuilder> {
        private String commitmentId = "c-1";
        private String result;
        private String dueBy = LATER_DUE;
        private String reason = "Legal review of the partner contract takes a month longer";

        RenegotiationBuilder of(String commitmentId) {
            this.commitmentId = commitmentId;
            return this;
        }

        RenegotiationBuilder result(String result) {
            this.result = result;
            return this;
        }

        RenegotiationBuilder dueBy(String dueBy) {
            this.dueBy = dueBy;
            return this;
        }

        RenegotiationBuilder reason(String reason) {
            this.reason = reason;
            return this;
        }

        @Override
        RenegotiateCommitment command() {
            return new RenegotiateCommitment(INITIATIVE, commitmentId, result, dueBy, reason, occurredAt, NOW);
        }

        @Override
        CommitmentRenegotiated event() {
            return new CommitmentRenegotiated(INITIATIVE, commitmentId, result, instant(dueBy), reason, occurred());
        }
    }

    static final class FulfilmentBuilder extends Conversation<FulfilmentBuilder> {
        private String commitmentId = "c-1";
        private String evidence = "Both contracts countersigned";

        FulfilmentBuilder of(String commitmentId) {
            this.commitmentId = commitmentId;
            return this;
        }

        FulfilmentBuilder evidence(String evidence) {
            this.evidence = evidence;
            return this;
        }

        @Override
        FulfilCommitment command() {
            return new FulfilCommitment(INITIATIVE, commitmentId, evidence, occurredAt, NOW);
        }

        @Override
        CommitmentFulfilled event() {
            return new CommitmentFulfilled(INITIATIVE, commitmentId, evidence, occurred());
        }
    }

    static final class WithdrawalBuilder extends Conversation<WithdrawalBuilder> {
        private String commitmentId = "c-1";
        private String reason = "The DACH market was deprioritised";

        WithdrawalBuilder of(String commitmentId) {
            this.commitmentId = commitmentId;
            return this;
        }

        WithdrawalBuilder reason(String reason) {
            this.reason = reason;
            return this;
        }

        @Override
        WithdrawCommitment command() {
            return new WithdrawCommitment(INITIATIVE, commitmentId, reason, occurredAt, NOW);
        }

        @Override
        CommitmentWithdrawn event() {
            return new CommitmentWithdrawn(INITIATIVE, commitmentId, reason, occurred());
        }
    }

    /** Feedback and acknowledgement have the same shape: from one participant to another. */
    abstract static class Exchange<B extends Exchange<B>> extends Conversation<B> {
        String id;
        String from = SAM;
        String to = ANA;
        String commitmentId;
        String text;

        Exchange(String id, String text) {
            this.id = id;
            this.text = text;
        }

        @SuppressWarnings("unchecked")
        B self() {
            return (B) this;
        }

        B id(String id) {
            this.id = id;
            return self();
        }

        B from(String personId) {
            this.from = personId;
            return self();
        }

        B to(String personId) {
            this.to = personId;
            return self();
        }

        B about(String commitmentId) {
            this.commitmentId = commitmentId;
            return self();
        }

        B text(String text) {
            this.text = text;
            return self();
        }
    }

    static final class FeedbackBuilder extends Exchange<FeedbackBuilder> {
        FeedbackBuilder() {
            super("fb-1", "Bring finance in before the term sheet, not after");
        }

        @Override
        GiveFeedback command() {
            return new GiveFeedback(INITIATIVE, id, from, to, commitmentId, text, occurredAt, NOW);
        }

        @Override
        FeedbackGiven event() {
            return new FeedbackGiven(INITIATIVE, id, from, to, commitmentId, text, occurred());
        }
    }

    static final class AcknowledgementBuilder extends Exchange<AcknowledgementBuilder> {
        AcknowledgementBuilder() {
            super("ack-1", "Two partners a month early: thank you");
        }

        @Override
        AcknowledgeContribution command() {
            return new AcknowledgeContribution(INITIATIVE, id, from, to, commitmentId, text, occurredAt, NOW);
        }

        @Override
        ContributionAcknowledged event() {
            return new ContributionAcknowledged(INITIATIVE, id, from, to, commitmentId, text, occurred());
        }
    }

    static final class CompletionBuilder extends Conversation<CompletionBuilder> {
        private String declaredBy = SAM;
        private String summary = "Both partners live; DACH pipeline handed to sales operations";

        CompletionBuilder by(String personId) {
            this.declaredBy = personId;
            return this;
        }

        CompletionBuilder summary(String summary) {
            this.summary = summary;
            return this;
        }

        @Override
        CompleteInitiative command() {
            return new CompleteInitiative(INITIATIVE, declaredBy, summary, occurredAt, NOW);
        }

        @Override
        InitiativeCompleted event() {
            return new InitiativeCompleted(INITIATIVE, declaredBy, summary, occurred());
        }
    }
}
