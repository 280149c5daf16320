package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.CoverageStatus;
import dev.accord.alignment.domain.AlignmentState.Gap;
import dev.accord.alignment.domain.AlignmentState.StageCoverage;
import dev.accord.alignment.domain.Participants.Participant;

import java.util.ArrayList;
import java.util.List;

/**
 * The stage sections (docs/alignment-model.md, "The state"): how many participants took part in
 * each stage, and who skipped one.
 */
final class Stages {

    private Stages() {
    }

    static List<StageCoverage> coverage(Participants participants) {
        int n = participants.size();
        List<StageCoverage> coverage = new ArrayList<>();
        for (EnrollmentStage stage : EnrollmentStage.values()) {
            int engaged = 0;
            for (Participant participant : participants.all()) {
                engaged += participant.engaged(stage) ? 1 : 0;
            }
            CoverageStatus status = engaged == 0 ? CoverageStatus.NOT_STARTED
                    : engaged == n ? CoverageStatus.COVERED : CoverageStatus.IN_PROGRESS;
            coverage.add(new StageCoverage(stage, stage.number(), engaged, n, n == 0 ? 0 : (double) engaged / n,
                    status));
        }
        return coverage;
    }

    static List<Gap> gaps(Participants participants) {
        List<Gap> gaps = new ArrayList<>();
        for (Participant participant : participants.all()) {
            StageSet reached = participant.stages();
            if (reached.isEmpty()) {
                continue;
            }
            List<Integer> skipped = reached.skipped();
            if (!skipped.isEmpty()) {
                gaps.add(new Gap(participant.personId(), reached.highest(), skipped));
            }
        }
        return gaps;
    }
}
