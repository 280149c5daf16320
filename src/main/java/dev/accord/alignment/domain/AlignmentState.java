package dev.accord.alignment.domain;

import dev.accord.initiative.domain.InitiativeStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The alignment of one initiative at an instant, as docs/alignment-model.md defines it: the answer to
 * "which stage is missing, and what conversation should we begin now?".
 */
public record AlignmentState(UUID initiativeId, long version, Instant asOf, InitiativeStatus status, Integer score,
                             Band band, List<StageCoverage> stages, List<Gap> gaps, Enrollment enrollment,
                             Units units, Commitments commitments, Requests requests, Components components,
                             List<ParticipantAlignment> participants, List<Recommendation> recommendations,
                             Focus focus) {

    /**
     * The same state read at another instant. Only valid where nothing in it depends on the
     * difference (no open commitment falls due in between): see {@link Alignment#unchangedUntil}.
     */
    public AlignmentState at(Instant instant) {
        return new AlignmentState(initiativeId, version, instant, status, score, band, stages, gaps, enrollment, units,
                commitments, requests, components, participants, recommendations, focus);
    }

    public enum CoverageStatus {
        NOT_STARTED,
        IN_PROGRESS,
        COVERED
    }

    public record StageCoverage(EnrollmentStage stage, int number, int engaged, int of, double coverage,
                                CoverageStatus status) {
    }

    /** A skipped stage: the person reached {@code reachedStage} without the stages listed. */
    public record Gap(String personId, int reachedStage, List<Integer> missingStages) {
    }

    public record Enrollment(int coCreated, int owns, int buysIn, int hasConcerns, int declines, int noResponse,
                             int notReached) {
    }

    public record Units(List<UnitLink> pairs, List<UnitLink> disconnected, List<String> unrepresented) {
    }

    public record UnitLink(List<String> units, int relationships) {
    }

    public record Commitments(int open, int overdue, int fulfilledOnTime, int fulfilledLate, int withdrawn,
                              int unacknowledged) {
    }

    public record Requests(int open, int declined, int promised) {
    }

    /** A component's value in [0, 1], or null when it has nothing to measure yet. */
    public record Component(Double value, double weight) {
    }

    public record Components(Component stageCoverage, Component enrollment, Component crossUnit,
                             Component reliability, Component acknowledgement) {
    }

    public record ParticipantAlignment(String personId, String displayName, String unit, String role,
                                       List<Integer> stages, OverallStance stance, PersonCommitments commitments) {
    }

    public record PersonCommitments(int open, int overdue, int fulfilled) {
    }
}
