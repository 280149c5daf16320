package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.StageCoverage;
import dev.accord.alignment.domain.Recommendation.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The focus's sentence, built from the numbers of its stage and conversations: a lead saying
 * which conversation to begin, then what makes the stage weak, e.g. "Begin with relationships:
 * 2 of 4 people have none yet, and finance has no link to exec or sales." The rules, stage by
 * stage, are in docs/alignment-model.md ("Focus").
 */
final class FocusHeadline {

    static final String NOTHING_WAITING = "Every stage reaches at least 80% of the participants and no"
            + " conversation is waiting: keep the conversations going.";

    private final StageCoverage stage;
    private final List<Recommendation> conversations;
    private final List<String> clauses = new ArrayList<>();

    private FocusHeadline(StageCoverage stage, List<Recommendation> conversations) {
        this.stage = stage;
        this.conversations = conversations;
    }

    static String of(StageCoverage stage, List<Recommendation> conversations) {
        return new FocusHeadline(stage, conversations).sentence();
    }

    private String sentence() {
        String lead = switch (stage.stage()) {
            case RELATIONSHIP -> relationship();
            case POSSIBILITY -> possibility();
            case PATHWAY -> pathway();
            case ACTION -> action();
            case COMPLETION -> completion();
        };
        return clauses.isEmpty() ? lead + "." : lead + ": " + joined(clauses, ", and ") + ".";
    }

    private String relationship() {
        missing("have none yet", "has none yet");
        List<String> unrepresented = conversations.stream().filter(item -> item.kind() == Kind.UNIT_ENTRY)
                .map(item -> item.units().get(0)).toList();
        if (!unrepresented.isEmpty()) {
            clauses.add("nobody represents " + joined(unrepresented, " or "));
        }
        unitLinks();
        return "Begin with relationships";
    }

    private String possibility() {
        missing("have not been part of a possibility yet", "has not been part of a possibility yet");
        int notEnrolled = people(Kind.ENROLLMENT);
        if (notEnrolled > 0) {
            clauses.add(notEnrolled + (notEnrolled == 1 ? " only buys in, has concerns or has not answered"
                    : " only buy in, have concerns or have not answered"));
        }
        return "Share the possibility until people own it";
    }

    private String pathway() {
        missing("have taken part in no pathway yet", "has taken part in no pathway yet");
        count(Kind.MAP_PATHWAY, "possibility has no pathway", "possibilities have no pathway");
        int owners = people(Kind.JOIN_PATHWAY);
        if (owners > 0) {
            clauses.add(owners + (owners == 1 ? " owner of a possibility is not in a pathway"
                    : " owners of a possibility are not in a pathway"));
        }
        return "Map the pathway together";
    }

    private String action() {
        missing("have made no commitment yet", "has made no commitment yet");
        count(Kind.ANSWER_REQUEST, "request is still open", "requests are still open");
        count(Kind.RENEGOTIATE, "commitment is overdue", "commitments are overdue");
        return "Ask for commitments";
    }

    private String completion() {
        missing("have had no feedback or acknowledgement yet", "has had no feedback or acknowledgement yet");
        count(Kind.ACKNOWLEDGE, "fulfilled commitment is not acknowledged", "fulfilled commitments are not acknowledged");
        return "Close the loop";
    }

    /** "2 of 4 people have none yet"; with nobody active, that comes first. */
    private void missing(String many, String one) {
        int missing = stage.of() - stage.engaged();
        if (stage.of() == 0) {
            clauses.add("nobody takes part in the initiative yet");
        } else if (missing > 0) {
            clauses.add(missing + " of " + stage.of() + (stage.of() == 1 ? " person " : " people ")
                    + (missing == 1 ? one : many));
        }
    }

    private void count(Kind kind, String one, String many) {
        long items = conversations.stream().filter(item -> item.kind() == kind).count();
        if (items > 0) {
            clauses.add(items + " " + (items == 1 ? one : many));
        }
    }

    private int people(Kind kind) {
        return conversations.stream().filter(item -> item.kind() == kind)
                .mapToInt(item -> item.participants().size()).sum();
    }

    /**
     * The disconnected pairs said unit by unit, the unit with the most missing links first (then
     * by name): "finance has no link to exec or sales, and operations has no link to sales".
     */
    private void unitLinks() {
        List<List<String>> pairs = new ArrayList<>(conversations.stream()
                .filter(item -> item.kind() == Kind.UNIT_LINK).map(Recommendation::units).toList());
        while (!pairs.isEmpty()) {
            Map<String, Integer> links = new TreeMap<>();
            pairs.forEach(pair -> pair.forEach(unit -> links.merge(unit, 1, Integer::sum)));
            String unit = links.entrySet().stream().max(Comparator.comparingInt(Map.Entry<String, Integer>::getValue))
                    .orElseThrow().getKey();
            TreeSet<String> others = new TreeSet<>();
            pairs.removeIf(pair -> pair.contains(unit) && others.add(pair.get(pair.get(0).equals(unit) ? 1 : 0)));
            clauses.add(unit + " has no link to " + joined(List.copyOf(others), " or "));
        }
    }

    /** "a", "a or b", "a, b or c" (with ", and " as the last joint: "a, and b"). */
    private static String joined(List<String> parts, String last) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + last + parts.get(parts.size() - 1);
    }
}
