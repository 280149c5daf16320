package dev.accord.initiative.domain;

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

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;

/**
 * A random history of one initiative for the property tests of the folds: it launches, then
 * mixes every kind of event, naming people, possibilities, requests and commitments that mostly
 * exist, and now and then ones that do not (a fold must take what was recorded, whatever it
 * names). Some histories end with a completion. The same seed gives the same history.
 */
public final class RandomHistory {

    private static final List<String> UNITS = List.of("exec", "sales", "finance", "legal");
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final Random random;
    private final UUID initiativeId;
    private final List<InitiativeEvent> events = new ArrayList<>();
    private final List<String> active = new ArrayList<>();
    private final List<String> possibilities = new ArrayList<>();
    private final List<String> pathways = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private final List<String> commitments = new ArrayList<>();
    private Instant now = START;
    private int people;
    private int ids;

    private RandomHistory(long seed, UUID initiativeId) {
        this.random = new Random(seed);
        this.initiativeId = initiativeId;
    }

    /** The seeds the property tests try: {@code @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")}. */
    public static LongStream seeds() {
        return LongStream.of(1, 2, 3, 5, 8, 13, 21, 34, 55, 89);
    }

    /** About {@code length} events of the initiative, from its launch. */
    public static List<InitiativeEvent> of(long seed, UUID initiativeId, int length) {
        RandomHistory history = new RandomHistory(seed, initiativeId);
        history.launch();
        while (history.events.size() < length - 1) {
            history.next();
        }
        if (history.random.nextBoolean()) {
            history.events.add(new InitiativeCompleted(initiativeId, history.someone(), "Done", history.tick()));
        }
        return List.copyOf(history.events);
    }

    private void launch() {
        String sponsor = newPerson();
        events.add(new InitiativeLaunched(initiativeId, "Grow EMEA", "Trusted partner",
                new Person(sponsor, "Person " + sponsor, "exec", "Sponsor"), UNITS, LocalDate.of(2027, 6, 30), START));
        active.add(sponsor);
    }

    private void next() {
        switch (random.nextInt(16)) {
            case 0, 1 -> {
                String person = random.nextInt(4) == 0 && people > active.size() ? formerPerson() : newPerson();
                events.add(new ParticipantJoined(initiativeId, person, "Person " + person, unit(), "Analyst"));
                active.add(person);
            }
            case 2 -> {
                if (active.size() > 2) {
                    events.add(new ParticipantLeft(initiativeId, active.remove(1 + random.nextInt(active.size() - 1)),
                            "moved"));
                }
            }
            case 3 -> events.add(new RelationshipEstablished(initiativeId, newId("rel"), List.of(someone(), someone()),
                    "shared ground", tick()));
            case 4 -> {
                String possibility = newId("pos");
                possibilities.add(possibility);
                events.add(new PossibilityShared(initiativeId, possibility, "Bundle", someone(), List.of(someone()),
                        random.nextBoolean() ? List.of(someone()) : List.of(), tick()));
            }
            case 5, 6 -> events.add(new PossibilityResponded(initiativeId, pick(possibilities, "pos"), someone(),
                    Stance.values()[random.nextInt(Stance.values().length)], null, tick()));
            case 7 -> {
                String pathway = newId("path");
                pathways.add(pathway);
                events.add(new PathwayMapped(initiativeId, pathway, pick(possibilities, "pos"),
                        List.of(someone(), someone()), "who", "what", "when", "where", "how",
                        List.of(new Milestone(newId("ms"), "Pilot", later(), unit())), tick()));
            }
            case 8 -> {
                String request = newId("req");
                requests.add(request);
                events.add(new CommitmentRequested(initiativeId, request, someone(), someone(), "A result", later(),
                        tick()));
            }
            case 9 -> events.add(new CommitmentRequestDeclined(initiativeId, pick(requests, "req"), "No time",
                    tick()));
            case 10, 11 -> {
                String commitment = newId("com");
                commitments.add(commitment);
                events.add(new CommitmentMade(initiativeId, commitment, someone(), "owner", "A result", later(),
                        random.nextBoolean() ? pick(requests, "req") : null,
                        random.nextBoolean() ? pick(pathways, "path") : null, null, tick()));
            }
            case 12 -> events.add(new CommitmentRenegotiated(initiativeId, pick(commitments, "com"),
                    random.nextBoolean() ? "New result" : null, random.nextBoolean() ? later() : null, "Scope",
                    tick()));
            case 13 -> events.add(random.nextInt(3) == 0
                    ? new CommitmentWithdrawn(initiativeId, pick(commitments, "com"), "Budget", tick())
                    : new CommitmentFulfilled(initiativeId, pick(commitments, "com"), "done", tick()));
            case 14 -> events.add(new FeedbackGiven(initiativeId, newId("fb"), someone(), someone(),
                    random.nextBoolean() ? pick(commitments, "com") : null, "Clear", tick()));
            default -> events.add(new ContributionAcknowledged(initiativeId, newId("ack"), someone(), someone(),
                    random.nextBoolean() ? pick(commitments, "com") : null, "Thanks", tick()));
        }
    }

    private String newPerson() {
        return "p" + ++people;
    }

    private String formerPerson() {
        String person;
        do {
            person = "p" + (1 + random.nextInt(people));
        } while (active.contains(person));
        return person;
    }

    private String someone() {
        return active.get(random.nextInt(active.size()));
    }

    private String unit() {
        return UNITS.get(random.nextInt(UNITS.size()));
    }

    private String newId(String prefix) {
        return prefix + "-" + ++ids;
    }

    /** Mostly one that exists; one time in ten (or when there is none yet) one that does not. */
    private String pick(List<String> existing, String prefix) {
        return existing.isEmpty() || random.nextInt(10) == 0 ? prefix + "-unknown"
                : existing.get(random.nextInt(existing.size()));
    }

    private Instant tick() {
        now = now.plus(Duration.ofMinutes(1 + random.nextInt(600)));
        return now;
    }

    private Instant later() {
        return now.plus(Duration.ofHours(1 + random.nextInt(24 * 20)));
    }
}
