package dev.accord.alignment.domain;

import java.util.List;

/**
 * A conversation to begin now: its kind and stage, the people to have it (sorted), their units,
 * what it is about (a possibility, a request or a commitment, when it is about one), and why.
 */
public record Recommendation(Kind kind, EnrollmentStage stage, List<String> participants, List<String> units,
                             String possibilityId, String requestId, String commitmentId, String reason) {

    /**
     * In the order the recommendation table of docs/alignment-model.md lists them; within a stage,
     * items sort by this order first.
     */
    public enum Kind {
        UNIT_ENTRY(EnrollmentStage.RELATIONSHIP),
        UNIT_LINK(EnrollmentStage.RELATIONSHIP),
        RELATIONSHIP(EnrollmentStage.RELATIONSHIP),
        SHARE_POSSIBILITY(EnrollmentStage.POSSIBILITY),
        ENROLLMENT(EnrollmentStage.POSSIBILITY),
        MAP_PATHWAY(EnrollmentStage.PATHWAY),
        JOIN_PATHWAY(EnrollmentStage.PATHWAY),
        COMMIT(EnrollmentStage.ACTION),
        ANSWER_REQUEST(EnrollmentStage.ACTION),
        RENEGOTIATE(EnrollmentStage.ACTION),
        ACKNOWLEDGE(EnrollmentStage.COMPLETION);

        private final EnrollmentStage stage;

        Kind(EnrollmentStage stage) {
            this.stage = stage;
        }

        public EnrollmentStage stage() {
            return stage;
        }
    }
}
