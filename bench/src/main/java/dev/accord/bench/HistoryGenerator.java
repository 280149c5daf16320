package dev.accord.bench;

import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRenegotiated;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequestDeclined;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequested;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.Milestone;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.Stance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A deterministic (fixed seed), valid and realistic history of one large initiative: the
 * issue's target of 1,000 participants and 20,000 events.
 *
 * <ul>
 *   <li>event 1 launches it with {@value #UNIT_COUNT} declared units (the sponsor in exec);</li>
 *   <li>{@value #JOINS} people join, spread unevenly over the units: a kick-off roster of
 *       {@value #KICKOFF_JOINS} first, the rest trickling in over the first ~2 months;</li>
 *   <li>{@value #LEAVES} people leave along the way; {@value #REJOINS} of them rejoin later in
 *       another unit, so about 996 are active at the end;</li>
 *   <li>every other event is a conversation, chosen with plausible weights: relationships of
 *       2-5 people (mostly across units), possibilities shared to audiences of 10-50 with
 *       co-authors, responses with every stance, pathways with milestones, requests declined or
 *       promised, commitments made (answering requests, on pathway milestones, or freely),
 *       renegotiated, fulfilled on time and late, withdrawn, feedback, and acknowledgements
 *       naming fulfilled commitments.</li>
 * </ul>
 *
 * Everyone named is an active participant at that point, every referenced id exists, dueBy is
 * never before occurredAt, and occurredAt strictly increases over ~6 months. {@link HistoryCheck}
 * proves it by replaying every event through the service's own decider. Exactly
 * {@value #TOTAL_EVENTS} events.
 */
public final class HistoryGenerator {

    public static final long SEED = 20_000_1_000L;
    public static final int TOTAL_EVENTS = 20_000;
    public static final int UNIT_COUNT = 8;
    public static final int JOINS = 999;
    public static final int KICKOFF_JOINS = 400;
    public static final int LEAVES = 12;
    public static final int REJOINS = 8;
    /** The participants expected at the end: sponsor + joins − leaves + rejoins. */
    public static final int EXPECTED_ACTIVE = 1 + JOINS - LEAVES + REJOINS;

    public static final UUID INITIATIVE_ID = UUID.fromString("0f6c2a9e-5d1b-4c7e-9a3f-2b8d4e6f1a20");
    public static final Instant START = Instant.parse("2025-01-06T08:00:00Z");

    /** The declared units and the share of the roster each one gets (percent). */
    static final List<String> UNITS = List.of("engineering", "sales", "operations", "marketing", "finance", "hr",
            "legal", "exec");
    private static final int[] UNIT_SHARE = {28, 18, 15, 12, 9, 7, 5, 6};

    private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines",
            "Jonas", "Kemi", "Luis", "Mira", "Noor", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Viktor",
            "Wen", "Yara", "Zane"};
    private static final String[] LAST = {"Alvarez", "Brandt", "Chen", "Diallo", "Eriksen", "Fischer", "Garcia",
            "Haddad", "Ito", "Jansen", "Kowalski", "Lund", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Singh",
            "Tanaka", "Usman", "Varga", "Weber", "Yilmaz", "Zhou"};
    private static final String[] ROLES = {"individual contributor", "individual contributor",
            "individual contributor", "team lead", "manager", "senior manager", "director"};
    private static final String[] TOPICS = {"pricing model", "onboarding flow", "partner channel", "data platform",
            "customer success playbook", "regional launch", "cost baseline", "hiring plan", "compliance review",
            "support tooling", "release train", "brand refresh"};
    private static final String[] COMMIT_ROLES = {"owner", "contributor", "reviewer", "coordinator", "sponsor"};

    /** The conversation mix: what share of the ~19,000 conversations each kind takes (percent). */
    private enum Kind {
        RELATIONSHIP(12), SHARE(2), RESPOND(27), PATHWAY(2), REQUEST(8), DECLINE(2), MAKE(14), RENEGOTIATE(4),
        FULFIL(10), WITHDRAW(2), FEEDBACK(9), ACKNOWLEDGE(8);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private enum Slot { LAUNCH, JOIN, LEAVE, REJOIN, CONVERSATION }

    /** The generated stream and the instant to evaluate it at (one hour after the last event). */
    public record History(UUID initiativeId, List<InitiativeEvent> events, Instant asOf) {
        public History {
            events = List.copyOf(events);
        }
    }

    private HistoryGenerator() {
    }

    public static History generate() {
        return new Builder(new Random(SEED)).build();
    }

    /** Prints what was generated and checks it: {@code java -cp target/benchmarks.jar dev.accord.bench.HistoryGenerator}. */
    public static void main(String[] args) {
        long started = System.nanoTime();
        History history = generate();
        long generated = System.nanoTime();
        HistoryCheck.Summary summary = HistoryCheck.verify(history, true);
        long checked = System.nanoTime();
        Map<String, Integer> byType = new TreeMap<>();
        history.events().forEach(event -> byType.merge(event.getClass().getSimpleName(), 1, Integer::sum));
        System.out.printf("generated %d events in %d ms; replayed through InitiativeDecider and checked in %d ms%n",
                history.events().size(), (generated - started) / 1_000_000, (checked - generated) / 1_000_000);
        byType.forEach((type, count) -> System.out.printf("  %-26s %6d%n", type, count));
        System.out.printf("first occurredAt %s, last %s, asOf %s%n", summary.firstOccurredAt(),
                summary.lastOccurredAt(), history.asOf());
        AlignmentState state = Alignment.of(history.initiativeId(), history.events(), history.asOf());
        System.out.printf("alignment: version %d, n %d, score %s (%s)%n", state.version(),
                state.stages().get(0).of(), state.score(), state.band());
        state.stages().forEach(stage -> System.out.printf("  stage %d %-12s engaged %4d coverage %.3f%n",
                stage.number(), stage.stage(), stage.engaged(), stage.coverage()));
        System.out.println("  enrollment " + state.enrollment());
        System.out.println("  commitments " + state.commitments());
        System.out.println("  requests " + state.requests());
        System.out.println("  components " + state.components());
        System.out.printf("  gaps %d, unit pairs %d (disconnected %d), recommendations %d%n", state.gaps().size(),
                state.units().pairs().size(), state.units().disconnected().size(), state.recommendations().size());
        System.out.println("OK");
    }

    private static final class Builder {
        private final Random random;
        private final List<InitiativeEvent> events = new ArrayList<>(TOTAL_EVENTS);
        private Instant clock = START;

        private final People active = new People();
        private final Map<String, People> activeByUnit = new HashMap<>();
        private final Map<String, Person> everyone = new HashMap<>();
        private final List<String> leftForGood = new ArrayList<>();
        private final List<String> toRejoin = new ArrayList<>();
        private int nextPerson = 1;

        private final List<Possibility> possibilities = new ArrayList<>();
        private final List<Possibility> unmapped = new ArrayList<>();
        private final List<Pathway> pathways = new ArrayList<>();
        private final List<Request> openRequests = new ArrayList<>();
        private final List<Commitment> commitments = new ArrayList<>();
        private final List<Commitment> open = new ArrayList<>();
        private final List<Commitment> fulfilledUnacknowledged = new ArrayList<>();
        private final Map<Kind, Integer> counters = new HashMap<>();

        Builder(Random random) {
            this.random = random;
            UNITS.forEach(unit -> activeByUnit.put(unit, new People()));
        }

        History build() {
            Slot[] plan = plan();
            for (Slot slot : plan) {
                clock = clock.plusSeconds(60 + random.nextInt(1461)); // mean ~13 min: 20,000 events ≈ 6 months
                switch (slot) {
                    case LAUNCH -> launch();
                    case JOIN -> join(newPerson(pickUnit()));
                    case LEAVE -> leave();
                    case REJOIN -> rejoin();
                    case CONVERSATION -> converse();
                }
            }
            if (events.size() != TOTAL_EVENTS) {
                throw new IllegalStateException("generated " + events.size() + " events, not " + TOTAL_EVENTS);
            }
            return new History(INITIATIVE_ID, events, clock.plus(Duration.ofHours(1)));
        }

        /** Where the membership changes fall among the 20,000 events; every other slot is a conversation. */
        private Slot[] plan() {
            Slot[] plan = new Slot[TOTAL_EVENTS];
            Arrays.fill(plan, Slot.CONVERSATION);
            plan[0] = Slot.LAUNCH;
            for (int i = 1; i <= KICKOFF_JOINS; i++) {
                plan[i] = Slot.JOIN;
            }
            place(plan, Slot.JOIN, JOINS - KICKOFF_JOINS, KICKOFF_JOINS + 1, 6_000);
            List<Integer> leaves = place(plan, Slot.LEAVE, LEAVES, 3_000, 17_000);
            Collections.shuffle(leaves, random);
            for (int i = 0; i < REJOINS; i++) {
                int at = leaves.get(i) + 100 + random.nextInt(600);
                while (plan[at] != Slot.CONVERSATION) {
                    at++;
                }
                plan[at] = Slot.REJOIN;
            }
            return plan;
        }

        private List<Integer> place(Slot[] plan, Slot slot, int count, int from, int to) {
            List<Integer> placed = new ArrayList<>();
            while (placed.size() < count) {
                int at = from + random.nextInt(to - from);
                if (plan[at] == Slot.CONVERSATION) {
                    plan[at] = slot;
                    placed.add(at);
                }
            }
            Collections.sort(placed);
            return placed;
        }

        // ---- membership ------------------------------------------------------------------------------

        private void launch() {
            Person sponsor = new Person("emp-00000", "Alex Morgan", "exec", "chief operating officer");
            everyone.put(sponsor.personId(), sponsor);
            events.add(new InitiativeLaunched(INITIATIVE_ID, "One customer journey",
                    "Unify sales, onboarding and support into one customer journey by year end",
                    sponsor, UNITS, LocalDate.of(2025, 12, 31), START));
            activate(sponsor);
        }

        private String pickUnit() {
            int roll = random.nextInt(100);
            for (int i = 0; i < UNIT_SHARE.length; i++) {
                roll -= UNIT_SHARE[i];
                if (roll < 0) {
                    return UNITS.get(i);
                }
            }
            return UNITS.get(0);
        }

        private Person newPerson(String unit) {
            int number = nextPerson++;
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            return new Person(String.format("emp-%05d", number), name, unit, ROLES[random.nextInt(ROLES.length)]);
        }

        private void join(Person person) {
            everyone.put(person.personId(), person);
            events.add(new ParticipantJoined(INITIATIVE_ID, person.personId(), person.displayName(), person.unit(),
                    person.role()));
            activate(person);
        }

        private void activate(Person person) {
            active.add(person.personId());
            activeByUnit.get(person.unit()).add(person.personId());
        }

        private void leave() {
            String person;
            do {
                person = active.pick(random);
            } while (person.equals("emp-00000"));
            String unit = everyone.get(person).unit();
            active.remove(person);
            activeByUnit.get(unit).remove(person);
            boolean moves = toRejoin.size() < REJOINS;
            (moves ? toRejoin : leftForGood).add(person);
            events.add(new ParticipantLeft(INITIATIVE_ID, person, moves ? "moving to another unit" : "left the company"));
        }

        /** One who left comes back in another unit (a reorganisation), keeping their personId. */
        private void rejoin() {
            String personId = toRejoin.remove(0);
            Person before = everyone.get(personId);
            String unit;
            do {
                unit = pickUnit();
            } while (unit.equals(before.unit()));
            join(new Person(personId, before.displayName(), unit, before.role()));
        }

        // ---- conversations ---------------------------------------------------------------------------

        private void converse() {
            while (true) {
                Kind kind = pickKind();
                boolean done = switch (kind) {
                    case RELATIONSHIP -> relationship();
                    case SHARE -> share();
                    case RESPOND -> respond();
                    case PATHWAY -> pathway();
                    case REQUEST -> request();
                    case DECLINE -> decline();
                    case MAKE -> make();
                    case RENEGOTIATE -> renegotiate();
                    case FULFIL -> fulfil();
                    case WITHDRAW -> withdraw();
                    case FEEDBACK -> feedback();
                    case ACKNOWLEDGE -> acknowledge();
                };
                if (done) {
                    counters.merge(kind, 1, Integer::sum);
                    return;
                }
            }
        }

        private Kind pickKind() {
            int roll = random.nextInt(100);
            for (Kind kind : Kind.values()) {
                roll -= kind.weight;
                if (roll < 0) {
                    return kind;
                }
            }
            return Kind.RELATIONSHIP;
        }

        private String id(String prefix, Kind kind) {
            return String.format("%s-%05d", prefix, counters.getOrDefault(kind, 0) + 1);
        }

        private boolean relationship() {
            int size = 2 + random.nextInt(4);
            Set<String> people = new LinkedHashSet<>();
            String first = active.pick(random);
            people.add(first);
            People sameUnit = activeByUnit.get(everyone.get(first).unit());
            while (people.size() < size) {
                // Four in ten relationships stay mostly inside a unit; the rest cut across units.
                boolean inside = random.nextInt(10) < 4 && sameUnit.size() > size;
                people.add(inside ? sameUnit.pick(random) : active.pick(random));
            }
            events.add(new RelationshipEstablished(INITIATIVE_ID, id("rel", Kind.RELATIONSHIP), List.copyOf(people),
                    "We agreed how we hand work to each other on the " + topic() + " and whom to call when it slips",
                    clock));
            return true;
        }

        private boolean share() {
            String sharedBy = active.pick(random);
            Set<String> taken = new LinkedHashSet<>(List.of(sharedBy));
            List<String> coAuthors = distinctActive(random.nextInt(4), taken);
            List<String> audience = distinctActive(10 + random.nextInt(41), taken);
            String topic = topic();
            Possibility possibility = new Possibility(id("pos", Kind.SHARE), sharedBy, audience, coAuthors, topic);
            possibilities.add(possibility);
            unmapped.add(possibility);
            events.add(new PossibilityShared(INITIATIVE_ID, possibility.id, "What if the " + topic
                    + " were owned end to end by one cross-unit team?", sharedBy, audience, coAuthors, clock));
            return true;
        }

        private boolean respond() {
            if (possibilities.isEmpty()) {
                return false;
            }
            Possibility possibility = recentPossibility();
            String person = null;
            if (random.nextInt(100) < 85) {
                for (int attempt = 0; attempt < 5 && person == null; attempt++) {
                    String candidate = possibility.audience.get(random.nextInt(possibility.audience.size()));
                    person = active.contains(candidate) ? candidate : null;
                }
            }
            if (person == null) {
                person = active.pick(random); // word of mouth: someone outside the audience answers too
            }
            int roll = random.nextInt(100);
            Stance stance = roll < 10 ? Stance.CO_CREATED : roll < 32 ? Stance.OWNS : roll < 67 ? Stance.BUYS_IN
                    : roll < 89 ? Stance.HAS_CONCERNS : Stance.DECLINES;
            String note = random.nextInt(3) == 0 ? null : switch (stance) {
                case CO_CREATED -> "I drafted the second half of this with the team";
                case OWNS -> "This is ours; my team will carry it";
                case BUYS_IN -> "Makes sense, count me in";
                case HAS_CONCERNS -> "Worried about the load on support during the switch";
                case DECLINES -> "Not for my unit this year";
            };
            events.add(new PossibilityResponded(INITIATIVE_ID, possibility.id, person, stance, note, clock));
            return true;
        }

        /** Mostly one of the latest possibilities (conversations cluster), sometimes any. */
        private Possibility recentPossibility() {
            int size = possibilities.size();
            if (random.nextInt(10) < 3) {
                return possibilities.get(random.nextInt(size));
            }
            int back = (int) Math.min(size - 1, Math.abs(random.nextGaussian()) * 8);
            return possibilities.get(size - 1 - back);
        }

        private boolean pathway() {
            if (possibilities.isEmpty()) {
                return false;
            }
            Possibility possibility;
            if (!unmapped.isEmpty() && random.nextInt(10) < 8) {
                possibility = unmapped.remove(random.nextInt(unmapped.size()));
            } else {
                possibility = possibilities.get(random.nextInt(possibilities.size()));
                unmapped.remove(possibility);
            }
            List<String> pool = new ArrayList<>();
            pool.add(possibility.sharedBy);
            pool.addAll(possibility.coAuthors);
            pool.addAll(possibility.audience);
            Set<String> people = new LinkedHashSet<>();
            int wanted = 2 + random.nextInt(7);
            for (int attempt = 0; attempt < 4 * wanted && people.size() < wanted; attempt++) {
                String candidate = attempt < 2 ? pool.get(attempt) : pool.get(random.nextInt(pool.size()));
                if (active.contains(candidate)) {
                    people.add(candidate);
                }
            }
            int extra = random.nextInt(3);
            while (people.size() < 2 || extra-- > 0) {
                people.add(active.pick(random));
            }
            String pathwayId = id("pw", Kind.PATHWAY);
            List<Milestone> milestones = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 1; i <= count; i++) {
                Instant dueBy = clock.plus(Duration.ofDays(14L * i + random.nextInt(30)));
                String unit = random.nextInt(5) == 0 ? null : UNITS.get(random.nextInt(UNITS.size()));
                milestones.add(new Milestone(pathwayId + "-ms-" + i, "Milestone " + i + " of the " + possibility.topic,
                        dueBy, unit));
            }
            Pathway pathway = new Pathway(pathwayId, List.copyOf(people), milestones);
            pathways.add(pathway);
            events.add(new PathwayMapped(INITIATIVE_ID, pathwayId, possibility.id, pathway.participants,
                    "a cross-unit squad of " + people.size(), "ship the " + possibility.topic + " in stages",
                    "over the next quarter", "pilot in two regions first", "weekly check-ins and a shared board",
                    milestones, clock));
            return true;
        }

        private boolean request() {
            String requestedBy = active.pick(random);
            String person;
            do {
                person = active.pick(random);
            } while (person.equals(requestedBy));
            Instant dueBy = clock.plus(Duration.ofDays(7 + random.nextInt(54)));
            Request request = new Request(id("req", Kind.REQUEST), requestedBy, person, dueBy);
            openRequests.add(request);
            events.add(new CommitmentRequested(INITIATIVE_ID, request.id, requestedBy, person,
                    "Own the " + topic() + " hand-over for your team", dueBy, clock));
            return true;
        }

        private boolean decline() {
            if (openRequests.isEmpty()) {
                return false;
            }
            Request request = removeRandom(openRequests);
            events.add(new CommitmentRequestDeclined(INITIATIVE_ID, request.id,
                    "No capacity this quarter; ask again after the release", clock));
            return true;
        }

        private boolean make() {
            String commitmentId = id("cmt", Kind.MAKE);
            int roll = random.nextInt(100);
            String person = null;
            String requestId = null;
            String pathwayId = null;
            String milestoneId = null;
            Instant dueBy = null;
            if (roll < 40 && !openRequests.isEmpty()) {
                // A promise answering a request (its own terms when the asked-for date has passed).
                Request request = openRequests.get(random.nextInt(openRequests.size()));
                if (active.contains(request.personId)) {
                    openRequests.remove(request);
                    person = request.personId;
                    requestId = request.id;
                    dueBy = request.dueBy.isBefore(clock) || random.nextInt(5) == 0
                            ? clock.plus(Duration.ofDays(5 + random.nextInt(30))) : request.dueBy;
                }
            } else if (roll < 75 && !pathways.isEmpty()) {
                // A role on a pathway, usually against one of its milestones.
                Pathway pathway = pathways.get(pathways.size() - 1 - random.nextInt(Math.min(pathways.size(), 20)));
                String candidate = pathway.participants.get(random.nextInt(pathway.participants.size()));
                person = active.contains(candidate) ? candidate : active.pick(random);
                pathwayId = pathway.id;
                if (random.nextInt(5) > 0) {
                    Milestone milestone = pathway.milestones.get(random.nextInt(pathway.milestones.size()));
                    milestoneId = milestone.milestoneId();
                    dueBy = milestone.dueBy();
                }
            }
            if (person == null) {
                person = active.pick(random);
            }
            if (dueBy == null || dueBy.isBefore(clock)) {
                dueBy = clock.plus(Duration.ofDays(5 + random.nextInt(60)));
            }
            Commitment commitment = new Commitment(commitmentId, person, dueBy);
            commitments.add(commitment);
            open.add(commitment);
            events.add(new CommitmentMade(INITIATIVE_ID, commitmentId, person,
                    COMMIT_ROLES[random.nextInt(COMMIT_ROLES.length)], "Deliver the " + topic() + " changes for "
                    + everyone.get(person).unit(), dueBy, requestId, pathwayId, milestoneId, clock));
            return true;
        }

        private boolean renegotiate() {
            if (open.isEmpty()) {
                return false;
            }
            Commitment commitment = open.get(random.nextInt(open.size()));
            int roll = random.nextInt(100);
            String result = roll < 50 ? null : "A smaller first cut of the " + topic();
            Instant dueBy = null;
            if (roll < 85) {
                Instant from = commitment.dueBy.isAfter(clock) ? commitment.dueBy : clock;
                dueBy = from.plus(Duration.ofDays(7 + random.nextInt(24)));
                commitment.dueBy = dueBy;
            }
            events.add(new CommitmentRenegotiated(INITIATIVE_ID, commitment.id, result, dueBy,
                    "A dependency in another unit slipped", clock));
            return true;
        }

        private boolean fulfil() {
            if (open.isEmpty()) {
                return false;
            }
            Commitment commitment;
            if (random.nextInt(10) < 4) {
                // The most pressing of a few: often already past due, so fulfilled late.
                commitment = open.get(random.nextInt(open.size()));
                for (int i = 0; i < 3; i++) {
                    Commitment other = open.get(random.nextInt(open.size()));
                    if (other.dueBy.isBefore(commitment.dueBy)) {
                        commitment = other;
                    }
                }
                open.remove(commitment);
            } else {
                commitment = removeRandom(open);
            }
            fulfilledUnacknowledged.add(commitment);
            events.add(new CommitmentFulfilled(INITIATIVE_ID, commitment.id,
                    random.nextInt(4) == 0 ? null : "Shipped; see the release notes", clock));
            return true;
        }

        private boolean withdraw() {
            if (open.isEmpty()) {
                return false;
            }
            Commitment commitment = removeRandom(open);
            events.add(new CommitmentWithdrawn(INITIATIVE_ID, commitment.id, "Priorities changed after the review",
                    clock));
            return true;
        }

        private boolean feedback() {
            String from = active.pick(random);
            String to = null;
            String commitmentId = null;
            if (random.nextBoolean() && !commitments.isEmpty()) {
                Commitment about = commitments.get(random.nextInt(commitments.size()));
                if (active.contains(about.personId) && !about.personId.equals(from)) {
                    to = about.personId;
                    commitmentId = about.id;
                }
            }
            while (to == null || to.equals(from)) {
                to = active.pick(random);
            }
            events.add(new FeedbackGiven(INITIATIVE_ID, id("fb", Kind.FEEDBACK), from, to, commitmentId,
                    "What worked: the early heads-up. What to change: share drafts sooner.", clock));
            return true;
        }

        private boolean acknowledge() {
            String to = null;
            String commitmentId = null;
            if (random.nextInt(100) < 65 && !fulfilledUnacknowledged.isEmpty()) {
                Commitment commitment = fulfilledUnacknowledged.get(random.nextInt(fulfilledUnacknowledged.size()));
                if (active.contains(commitment.personId)) {
                    fulfilledUnacknowledged.remove(commitment);
                    to = commitment.personId;
                    commitmentId = commitment.id;
                }
            }
            if (to == null) {
                to = active.pick(random);
            }
            String from;
            do {
                from = active.pick(random);
            } while (from.equals(to));
            events.add(new ContributionAcknowledged(INITIATIVE_ID, id("ack", Kind.ACKNOWLEDGE), from, to,
                    commitmentId, "Thank you: this unblocked three teams.", clock));
            return true;
        }

        private List<String> distinctActive(int count, Set<String> taken) {
            List<String> people = new ArrayList<>(count);
            while (people.size() < count) {
                String person = active.pick(random);
                if (taken.add(person)) {
                    people.add(person);
                }
            }
            return List.copyOf(people);
        }

        private String topic() {
            return TOPICS[random.nextInt(TOPICS.length)];
        }

        private <T> T removeRandom(List<T> list) {
            int index = random.nextInt(list.size());
            T last = list.remove(list.size() - 1);
            if (index == list.size()) {
                return last;
            }
            return list.set(index, last);
        }
    }

    /** The active people, with O(1) pick, add and remove. */
    private static final class People {
        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();

        void add(String id) {
            index.put(id, ids.size());
            ids.add(id);
        }

        void remove(String id) {
            int at = index.remove(id);
            String last = ids.remove(ids.size() - 1);
            if (at < ids.size()) {
                ids.set(at, last);
                index.put(last, at);
            }
        }

        boolean contains(String id) {
            return index.containsKey(id);
        }

        String pick(Random random) {
            return ids.get(random.nextInt(ids.size()));
        }

        int size() {
            return ids.size();
        }
    }

    private record Possibility(String id, String sharedBy, List<String> audience, List<String> coAuthors,
                               String topic) {
    }

    private record Pathway(String id, List<String> participants, List<Milestone> milestones) {
    }

    private record Request(String id, String requestedBy, String personId, Instant dueBy) {
    }

    private static final class Commitment {
        final String id;
        final String personId;
        Instant dueBy;

        Commitment(String id, String personId, Instant dueBy) {
            this.id = id;
            this.personId = personId;
            this.dueBy = dueBy;
        }
    }
}
