package dev.accord.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fuzz run sent and saw: requests per status, and every answer that broke a rule, grouped
 * into classes (what was sent × what went wrong), each with the first request that showed it.
 */
public final class FuzzReport {

    /** One broken rule: the class of input sent, what went wrong, and how to reproduce it. */
    public record Violation(String kind, String finding, String request, String response) {

        String klass() {
            return kind + ": " + finding;
        }
    }

    public final long seed;
    private int sent;
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<String, Integer> sentByKind = new TreeMap<>();
    private final Map<String, Long> millisByKind = new TreeMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, Integer> violationsByTarget = new TreeMap<>();
    private int initiativesChecked;

    FuzzReport(long seed) {
        this.seed = seed;
    }

    void sent(String kind, int status, long millis) {
        millisByKind.merge(kind, millis, Long::sum);
        sent++;
        statuses.merge(status, 1, Integer::sum);
        sentByKind.merge(kind, 1, Integer::sum);
    }

    void violation(String kind, String field, String finding, RawHttp.Request request, RawHttp.Response response) {
        violationsByTarget.merge(kind + " @ " + field, 1, Integer::sum);
        violations.add(new Violation(kind, finding, request.describe(), response == null ? "-" : response.describe()));
    }

    void initiativesChecked(int count) {
        initiativesChecked = count;
    }

    /** Violations of this kind of input aimed at this field (null: at no field in particular). */
    int violationsOf(String kind, String field) {
        return violationsByTarget.getOrDefault(kind + " @ " + field, 0);
    }

    public int requestsSent() {
        return sent;
    }

    public int serverErrors() {
        return statuses.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() == 0)
                .mapToInt(Map.Entry::getValue).sum();
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Each class of violation once, with how often it was seen and its first reproduction. */
    public Map<String, List<Violation>> classes() {
        Map<String, List<Violation>> classes = new LinkedHashMap<>();
        violations.forEach(v -> classes.computeIfAbsent(v.klass(), k -> new ArrayList<>()).add(v));
        return classes;
    }

    public boolean clean() {
        return violations.isEmpty();
    }

    public String summary() {
        StringBuilder out = new StringBuilder()
                .append("fuzz run with seed ").append(seed).append(" (rerun with -Daccord.fuzz.seed=").append(seed)
                .append("): ").append(sent).append(" requests, answers by status ").append(statuses)
                .append(", ").append(initiativesChecked).append(" initiatives checked for a stalled projection, ")
                .append(violations.size()).append(" violations in ").append(classes().size()).append(" classes");
        classes().forEach((klass, seen) -> out.append("\n- ").append(klass).append(" (×").append(seen.size())
                .append(")\n    request:  ").append(seen.get(0).request())
                .append("\n    answer:   ").append(seen.get(0).response()));
        out.append("\nsent per class: ").append(sentByKind);
        out.append("\nslowest classes (ms in all): ").append(millisByKind.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6).toList());
        return out.toString();
    }

    public void assertClean() {
        if (!clean()) {
            throw new AssertionError(summary());
        }
    }

    @Override
    public String toString() {
        return summary();
    }
}
