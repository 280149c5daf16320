package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequestDeclined;

import java.time.Instant;
import java.util.Optional;

/**
 * A commitment request's life: it is asked OPEN, and stays open until it is declined or promised
 * (a commitment made in answer to it). The decider and every fold take these steps from here.
 */
public enum RequestStatus {
    OPEN,
    DECLINED,
    PROMISED;

    /** Where a request starts when someone asks for a commitment. */
    public static RequestStatus asked() {
        return OPEN;
    }

    /** Only an open request can still be declined or promised. */
    public boolean isOpen() {
        return this == OPEN;
    }

    /** The answer an event gives a request, if it gives one. */
    public static Optional<Answer> answerIn(InitiativeEvent event) {
        if (event instanceof CommitmentRequestDeclined declined) {
            return Optional.of(new Answer(declined.requestId(), DECLINED, null, declined.occurredAt(),
                    declined.reason()));
        }
        if (event instanceof CommitmentMade made && made.requestId() != null) {
            return Optional.of(new Answer(made.requestId(), PROMISED, made.commitmentId(), null, null));
        }
        return Optional.empty();
    }

    /**
     * A request answered: the status it leaves, the commitment that promised it, or when and why
     * it was declined.
     */
    public record Answer(String requestId, RequestStatus status, String commitmentId, Instant declinedAt,
                         String declineReason) {
    }
}
