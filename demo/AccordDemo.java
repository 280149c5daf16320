import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accord demo: plays eight weeks of a believable initiative through Accord's public REST API,
 * then shows what Accord makes of it (the alignment state and the next conversations to begin).
 *
 * <pre>
 *   java demo/AccordDemo.java [baseUrl]        (default http://localhost:8080)
 * </pre>
 *
 * Only the JDK: java.net.http.HttpClient, JSON built by hand, ids read back with a regex.
 * Every run launches a new initiative, so it can be run again and again against one Accord.
 * The conversations are back-dated (occurredAt) relative to now, so the story always ends today.
 */
public class AccordDemo {

    static final String DEFAULT_BASE_URL = "http://localhost:8080";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final LocalDate TODAY = LocalDate.now(ZONE);
    static final String INDENT = " ".repeat(29);
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE dd MMM", Locale.ENGLISH);

    static HttpClient http;
    static String api;
    static String correlationId;
    static String initiativeId;
    static long version;

    // ---------------------------------------------------------------- the cast

    record Person(String id, String name, String unit, String role) {
        String first() {
            return name.substring(0, name.indexOf(' '));
        }

        /** "Anna [sales]": how people appear in the narrative. */
        String tag() {
            return first() + " [" + unit + "]";
        }
    }

    static final Person HELENA = new Person("helena.vogt", "Helena Vogt", "exec", "Chief Revenue Officer");
    static final Person MARKUS = new Person("markus.brenner", "Markus Brenner", "exec", "Chief Operating Officer");
    static final Person ANNA = new Person("anna.keller", "Anna Keller", "sales", "Head of DACH Sales");
    static final Person JONAS = new Person("jonas.weber", "Jonas Weber", "sales", "Account Executive");
    static final Person LEA = new Person("lea.fischer", "Lea Fischer", "sales", "Account Executive");
    static final Person TOBIAS = new Person("tobias.wagner", "Tobias Wagner", "sales", "Sales Engineer");
    static final Person SOFIA = new Person("sofia.marino", "Sofia Marino", "sales", "Partner Manager");
    static final Person BO = new Person("bo.lindqvist", "Bo Lindqvist", "finance", "Pricing Analyst");
    static final Person CLAUDIA = new Person("claudia.hofmann", "Claudia Hofmann", "finance",
            "Finance Business Partner");
    static final Person DANIEL = new Person("daniel.roth", "Daniel Roth", "operations", "Onboarding Lead");
    static final Person MIRA = new Person("mira.schulz", "Mira Schulz", "operations", "Support Operations Manager");
    static final Person EMRE = new Person("emre.yilmaz", "Emre Yilmaz", "operations", "Logistics Coordinator");

    static final List<Person> JOINERS = List.of(MARKUS, ANNA, JONAS, LEA, TOBIAS, SOFIA, BO, CLAUDIA, DANIEL, MIRA,
            EMRE);
    static final List<String> LOOK_FOR = List.of(
            "the focus comes first: begin with relationships (4 of 12 people have none; nobody represents"
                    + " legal; finance has no link to anyone), since no stage may be skipped",
            "skipped stages: Emre committed with no conversation before; Bo committed and was given feedback"
                    + " without a relationship or pathway; Lea and Daniel committed without the pathway; Helena"
                    + " and Anna gave feedback but never committed; Claudia and Mira answered without a"
                    + " relationship",
            "disconnected units: finance has no relationship with anyone, nor have sales and operations",
            "legal was declared at launch but nobody from legal takes part: unrepresented",
            "enrollment: Helena, Sofia, Anna, Jonas and Tobias own or co-created; Lea and Daniel buy in; Bo and"
                    + " Claudia have concerns; Mira declines; Markus never answered; Emre was never reached",
            "Emre's welcome kits are overdue: renegotiate them",
            "Bo's price list was fulfilled late and nobody acknowledged it; Jonas's pilot was on time and"
                    + " acknowledged",
            "Helena's request to Mira is open; the partner possibility has no pathway");
    static final Map<String, String> LABELS = new LinkedHashMap<>();
    static final List<Person> CAST = List.of(HELENA, MARKUS, ANNA, JONAS, LEA, TOBIAS, SOFIA, BO, CLAUDIA, DANIEL,
            MIRA, EMRE);

    // ---------------------------------------------------------------- main

    public static void main(String[] args) {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            boolean help = args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
            (help ? System.out : System.err).print(usage());
            System.exit(help ? 0 : 2);
        }
        String baseUrl = args.length == 1 ? args[0] : DEFAULT_BASE_URL;
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (!baseUrl.matches("https?://[^/\\s]+(/\\S*)?")) {
            System.err.println("Not a base URL: " + baseUrl + "\n");
            System.err.print(usage());
            System.exit(2);
        }
        api = baseUrl + "/api/v1";
        correlationId = "accord-demo-" + UUID.randomUUID().toString().substring(0, 8);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            play(baseUrl);
        } catch (DemoFailure failure) {
            System.err.println();
            System.err.println("DEMO STOPPED: " + failure.getMessage());
            System.exit(1);
        }
    }

    static String usage() {
        return """
                Usage: java demo/AccordDemo.java [baseUrl]

                Plays eight weeks of the initiative "Launch the DACH mid-market bundle" through
                Accord's REST API (a new initiative every run), printing one line per
                conversation, then shows the initiative's alignment state and the next
                conversations to begin (or, where this Accord has no alignment endpoint yet,
                the initiative's details).

                  baseUrl   where Accord runs (default %s)
                  --help    this text

                Start Accord first (from the repository root):
                  mvn -B -DskipTests package && java -jar target/quarkus-app/quarkus-run.jar
                then, in a second terminal:
                  java demo/AccordDemo.java
                """.formatted(DEFAULT_BASE_URL);
    }

    // ---------------------------------------------------------------- the story

    /*
     * The timeline counts working days (Monday to Friday) back from today: "29" is 29 working days
     * ago, about six weeks. Conversations never fall on a weekend, and the story keeps its order
     * (and every due date its meaning) whatever day the demo runs.
     */
    static void play(String baseUrl) {
        System.out.println("Accord demo against " + baseUrl + "  (correlation id " + correlationId + ")");

        headline("Today: the initiative is recorded in Accord");
        String targetDate = TODAY.plusMonths(5).withDayOfMonth(1).minusDays(1).toString();
        String launch = post("/initiatives", obj(
                "title", "Launch the DACH mid-market bundle",
                "strategy", "Win mid-size firms in Germany, Austria and Switzerland with one bundle of "
                        + "onboarding, pricing and first-year support, sold and delivered as one team",
                "sponsor", person(HELENA),
                "units", arr("exec", "sales", "finance", "operations", "legal"),
                "targetDate", targetDate,
                // It began before the conversations below, which Accord checks.
                "launchedAt", at(45, 9, 0)), 201);
        initiativeId = text(launch, "initiativeId");
        line("today", "LAUNCH", HELENA.name() + " (" + HELENA.role() + ") sponsors it; units exec, sales, finance,"
                + " operations, legal; target date " + targetDate);
        System.out.println(INDENT + "initiative " + initiativeId);
        for (Person p : JOINERS) {
            post("/initiatives/" + initiativeId + "/participants", person(p), 200);
        }
        line("today", "JOIN", JOINERS.size() + " people join:" + cast());
        System.out.println(INDENT + "Nobody from legal joins. Launch and joins are recorded today; the"
                + " initiative began nine weeks ago");
        System.out.println(INDENT + "(launchedAt), and the conversations below happened since, back-dated with"
                + " occurredAt.");

        headline("Weeks 8-7: relationships, inside sales and between exec and the others");
        relationship(39, 10, 0, "Anna owns the DACH accounts and tells Helena early when a deal needs budget;"
                + " Helena decides on budget within a week", HELENA, ANNA);
        relationship(38, 9, 30, "Monday pipeline huddle: every open DACH deal is reviewed, nobody is surprised"
                + " by a forecast change", ANNA, JONAS, LEA);
        relationship(36, 14, 0, "Tobias joins every first demo; Anna keeps him out of pricing calls",
                ANNA, TOBIAS);
        relationship(34, 11, 0, "Markus brings capacity questions to Anna before he says no to a customer date",
                MARKUS, ANNA);
        relationship(33, 16, 0, "Sofia introduces partners to Jonas's accounts; Jonas tells her which deals need"
                + " a partner", JONAS, SOFIA);
        relationship(31, 10, 30, "Daniel flags onboarding capacity to Markus a month ahead", MARKUS, DANIEL);

        headline("Weeks 6-5: two possibilities are shared");
        String bundle = possibility(29, 9, 0, "One DACH bundle for firms of 50 to 500 people: onboarding, pricing"
                        + " and first-year support in a single offer, signed in one meeting",
                HELENA, List.of(ANNA), List.of(JONAS, LEA, TOBIAS, MARKUS, BO, DANIEL));
        respond(28, 11, 0, bundle, JONAS, "OWNS", "I have three accounts that asked for exactly this");
        respond(28, 15, 30, bundle, TOBIAS, "OWNS", "I will build the demo around it");
        respond(27, 10, 0, bundle, LEA, "BUYS_IN", "Fine by me once the price list is ready");
        respond(26, 14, 0, bundle, BO, "HAS_CONCERNS", "The bundle discount eats the margin floor; numbers first");
        respond(25, 9, 30, bundle, DANIEL, "HAS_CONCERNS", "Onboarding cannot absorb ten customers at once");
        aside("Markus never answers.");
        String partners = possibility(24, 10, 0, "Partner-led onboarding: two certified implementation partners"
                        + " take Austrian and Swiss customers from signature to go-live",
                SOFIA, List.of(JONAS), List.of(DANIEL, MIRA, CLAUDIA));
        LABELS.put(partners, "the partner possibility");
        respond(23, 13, 0, partners, MIRA, "DECLINES", "Support cannot take partner tickets before the ticketing"
                + " migration");
        respond(22, 10, 0, partners, DANIEL, "BUYS_IN", "If the partners follow our onboarding playbook");
        respond(21, 16, 0, partners, CLAUDIA, "HAS_CONCERNS", "Partner fees come out of the bundle price; show me"
                + " the split");

        headline("Week 4: the pathway of the bundle (the partner possibility never gets one)");
        List<String> milestones = new ArrayList<>();
        String pathway = pathway(20, 10, 0, bundle, List.of(HELENA, ANNA, JONAS, TOBIAS),
                "Anna with Jonas and Tobias; Helena clears budget", "Ten signed bundles in DACH",
                "Pilot within three weeks, ten bundles by the target date", "Munich, Vienna and Zurich",
                "Weekly account reviews and one shared price list",
                new String[][]{
                        {"Bundle price list approved", due(12), "finance"},
                        {"Pilot customer signed", due(6), "sales"},
                        {"Ten bundles signed", dueIn(40), "sales"}},
                milestones);

        headline("Weeks 4-2: requests and commitments");
        String pilot = commit(19, 9, 0, JONAS, "Account Executive", "Pilot customer signed: Alpenblick Logistik",
                due(6), null, pathway, milestones.get(1));
        String demoEnv = commit(18, 11, 0, TOBIAS, "Sales Engineer", "Demo environment with DACH data residency",
                due(10), null, pathway, null);
        String priceRequest = request(17, 10, 0, ANNA, BO, "Bundle price list with a 12% margin floor", due(12));
        String priceList = commit(16, 15, 0, BO, "Pricing Analyst",
                "Bundle price list with a 10% margin floor for the pilot phase", due(10), priceRequest, pathway,
                milestones.get(0));
        LABELS.put(priceList, "the price list");
        aside("Bo has had no relationship conversation with anyone on this initiative.");
        String creditRequest = request(15, 9, 0, ANNA, CLAUDIA,
                "Credit terms for bundle customers: 30 days net, no deposit", due(8));
        decline(14, 17, 0, creditRequest, CLAUDIA, "Quarter close takes the whole team until January");
        String leads = commit(13, 10, 0, LEA, "Account Executive", "Five qualified leads in Austria", due(6),
                null, null, null);
        String kits = commit(12, 14, 0, EMRE, "Logistics Coordinator",
                "Welcome kits shipped to the first ten bundle customers", due(2), null, null, null);
        LABELS.put(kits, "the welcome kits");
        aside("Emre commits without any relationship, possibility or pathway conversation before.");
        commit(11, 10, 0, DANIEL, "Onboarding Lead", "German onboarding playbook for bundle customers", dueIn(15),
                null, null, null);
        renegotiate(11, 15, 0, demoEnv, TOBIAS, dueIn(7),
                "The hosting provider delayed the Frankfurt region by four weeks");
        withdraw(10, 9, 0, leads, LEA, "Reassigned to the enterprise renewals push until year end");

        headline("Weeks 2-0: completion, feedback and acknowledgement");
        fulfil(8, 16, 0, pilot, JONAS, "Contract AL-114 in the CRM", due(6));
        acknowledge(7, 9, 0, HELENA, JONAS, pilot, "The pilot showed the bundle sells in one meeting");
        feedback(7, 10, 0, ANNA, JONAS, pilot, "Your call notes made the Vienna pitch easy to reuse");
        fulfil(6, 11, 0, priceList, BO, "Price list v3 on the finance share", due(10));
        feedback(5, 14, 0, ANNA, BO, priceList, "The price list came after the pilot quote went out; tell us early"
                + " when a date slips");
        aside("Nobody acknowledges Bo's price list.");
        feedback(4, 10, 0, HELENA, ANNA, null, "Bring finance into the Monday huddle; the price list surprised"
                + " them");
        LABELS.put(request(3, 15, 0, HELENA, MIRA, "Support SLA in German and French for bundle customers",
                dueIn(10)), "Helena's request for a support SLA");
        aside("Mira has not answered Helena's request.");
        line(day(2), "(due)", "Emre's welcome kits " + shortId(kits) + " were due " + when(due(2))
                + "; nobody has said a word since: overdue");

        show();
    }

    // ---------------------------------------------------------------- the conversations

    static void relationship(int daysAgo, int h, int m, String understanding, Person... people) {
        post("/initiatives/" + initiativeId + "/relationships", obj(
                "participants", ids(List.of(people)),
                "mutualUnderstanding", understanding,
                "occurredAt", at(daysAgo, h, m)), 201);
        List<String> tags = new ArrayList<>();
        for (Person p : people) {
            tags.add(p.tag());
        }
        line(day(daysAgo), "1 RELATIONSHIP", String.join(" + ", tags) + ": " + quote(understanding));
    }

    static String possibility(int daysAgo, int h, int m, String statement, Person sharedBy, List<Person> coAuthors,
                              List<Person> audience) {
        String receipt = post("/initiatives/" + initiativeId + "/possibilities", obj(
                "statement", statement,
                "sharedBy", sharedBy.id(),
                "audience", ids(audience),
                "coAuthors", ids(coAuthors),
                "occurredAt", at(daysAgo, h, m)), 201);
        String id = text(receipt, "possibilityId");
        line(day(daysAgo), "2 POSSIBILITY", sharedBy.tag() + " with co-author " + firstNames(coAuthors)
                + " shares " + quote(statement) + " with " + firstNames(audience));
        return id;
    }

    static void respond(int daysAgo, int h, int m, String possibilityId, Person who, String stance, String note) {
        post("/initiatives/" + initiativeId + "/possibilities/" + possibilityId + "/responses", obj(
                "personId", who.id(),
                "stance", stance,
                "note", note,
                "occurredAt", at(daysAgo, h, m)), 200);
        line(day(daysAgo), "2 RESPONSE", who.tag() + " " + stance + ": " + quote(note));
    }

    static String pathway(int daysAgo, int h, int m, String possibilityId, List<Person> people, String who,
                          String what, String when, String where, String how, String[][] milestones,
                          List<String> milestoneIdsOut) {
        List<Object> planned = new ArrayList<>();
        for (String[] milestone : milestones) {
            planned.add(obj("title", milestone[0], "dueBy", milestone[1], "unit", milestone[2]));
        }
        String receipt = post("/initiatives/" + initiativeId + "/pathways", obj(
                "possibilityId", possibilityId,
                "participants", ids(people),
                "who", who, "what", what, "when", when, "where", where, "how", how,
                "milestones", planned,
                "occurredAt", at(daysAgo, h, m)), 201);
        String id = text(receipt, "pathwayId");
        milestoneIdsOut.addAll(strings(receipt, "milestoneIds"));
        if (milestoneIdsOut.size() != milestones.length) {
            throw new DemoFailure("the pathway receipt lists " + milestoneIdsOut.size() + " milestone ids for "
                    + milestones.length + " milestones: " + receipt);
        }
        line(day(daysAgo), "3 PATHWAY", firstNames(people) + " map the bundle: " + quote(what) + ", " + where
                + "; milestones " + milestoneSummary(milestones));
        return id;
    }

    static String request(int daysAgo, int h, int m, Person requestedBy, Person asked, String result, String dueBy) {
        String receipt = post("/initiatives/" + initiativeId + "/commitment-requests", obj(
                "requestedBy", requestedBy.id(),
                "personId", asked.id(),
                "result", result,
                "dueBy", dueBy,
                "occurredAt", at(daysAgo, h, m)), 201);
        line(day(daysAgo), "4 REQUEST", requestedBy.tag() + " asks " + asked.tag() + " for " + quote(result)
                + " by " + when(dueBy));
        return text(receipt, "requestId");
    }

    static void decline(int daysAgo, int h, int m, String requestId, Person who, String reason) {
        post("/initiatives/" + initiativeId + "/commitment-requests/" + requestId + "/decline", obj(
                "reason", reason,
                "occurredAt", at(daysAgo, h, m)), 200);
        line(day(daysAgo), "4 DECLINE", who.tag() + " declines: " + quote(reason));
    }

    static String commit(int daysAgo, int h, int m, Person who, String role, String result, String dueBy,
                         String requestId, String pathwayId, String milestoneId) {
        String receipt = post("/initiatives/" + initiativeId + "/commitments", obj(
                "personId", who.id(),
                "role", role,
                "result", result,
                "dueBy", dueBy,
                "requestId", requestId,
                "pathwayId", pathwayId,
                "milestoneId", milestoneId,
                "occurredAt", at(daysAgo, h, m)), 201);
        String id = text(receipt, "commitmentId");
        line(day(daysAgo), "4 COMMITMENT", who.tag() + (requestId == null ? " commits to " : " counter-offers ")
                + quote(result) + " by " + when(dueBy) + " (" + shortId(id) + ")");
        return id;
    }

    static void renegotiate(int daysAgo, int h, int m, String commitmentId, Person who, String dueBy,
                            String reason) {
        post("/initiatives/" + initiativeId + "/commitments/" + commitmentId + "/renegotiation", obj(
                "dueBy", dueBy,
                "reason", reason,
                "occurredAt", at(daysAgo, h, m)), 200);
        line(day(daysAgo), "4 RENEGOTIATE", who.tag() + " moves " + shortId(commitmentId) + " to " + when(dueBy)
                + ": " + quote(reason));
    }

    static void withdraw(int daysAgo, int h, int m, String commitmentId, Person who, String reason) {
        post("/initiatives/" + initiativeId + "/commitments/" + commitmentId + "/withdrawal", obj(
                "reason", reason,
                "occurredAt", at(daysAgo, h, m)), 200);
        line(day(daysAgo), "4 WITHDRAW", who.tag() + " withdraws " + shortId(commitmentId) + ": " + quote(reason));
    }

    static void fulfil(int daysAgo, int h, int m, String commitmentId, Person who, String evidence, String dueBy) {
        String occurredAt = at(daysAgo, h, m);
        post("/initiatives/" + initiativeId + "/commitments/" + commitmentId + "/fulfilment", obj(
                "evidence", evidence,
                "occurredAt", occurredAt), 200);
        boolean onTime = !ZonedDateTime.parse(occurredAt).isAfter(ZonedDateTime.parse(dueBy));
        line(day(daysAgo), "5 FULFILMENT", who.tag() + " fulfils " + shortId(commitmentId) + " "
                + (onTime ? "on time" : "LATE (due " + when(dueBy) + ")") + ": " + quote(evidence));
    }

    static void feedback(int daysAgo, int h, int m, Person from, Person to, String commitmentId, String text) {
        post("/initiatives/" + initiativeId + "/feedback", obj(
                "from", from.id(),
                "to", to.id(),
                "commitmentId", commitmentId,
                "text", text,
                "occurredAt", at(daysAgo, h, m)), 201);
        line(day(daysAgo), "5 FEEDBACK", from.tag() + " to " + to.tag()
                + (commitmentId == null ? "" : " on " + shortId(commitmentId)) + ": " + quote(text));
    }

    static void acknowledge(int daysAgo, int h, int m, Person from, Person to, String commitmentId, String text) {
        post("/initiatives/" + initiativeId + "/acknowledgements", obj(
                "from", from.id(),
                "to", to.id(),
                "commitmentId", commitmentId,
                "text", text,
                "occurredAt", at(daysAgo, h, m)), 201);
        line(day(daysAgo), "5 ACKNOWLEDGE", from.tag() + " acknowledges " + to.tag() + " for "
                + shortId(commitmentId) + ": " + quote(text));
    }

    // ---------------------------------------------------------------- what Accord makes of it

    static void show() {
        String base = "/initiatives/" + initiativeId;
        headline("What Accord makes of it");
        System.out.println("Initiative " + initiativeId + " is at version " + version + ".");
        System.out.println("  details  " + api + base);
        System.out.println();
        Reply alignment = read(base + "/alignment?minVersion=" + version);
        if (alignment.status() != 200) {
            throw failure("GET", api + base + "/alignment?minVersion=" + version, alignment, 200, null);
        }
        focus(alignment.body());
        System.out.println();
        System.out.println("GET " + api + base + "/alignment?minVersion=" + version
                + "  (the whole state; its \"recommendations\" are also served alone at " + api + base
                + "/recommendations)");
        System.out.println(pretty(alignment.body()));
        System.out.println();
        summary(alignment.body());
        System.out.println();
        System.out.println("What to look for (demo/README.md explains each):");
        for (String point : LOOK_FOR) {
            System.out.println("  - " + point);
        }
        System.out.println();
        System.out.println("Done. Initiative " + initiativeId + " (version " + version + ").");
    }

    /** The headline answer first: where to begin, and the conversations to begin there. */
    static void focus(String alignment) {
        try {
            Map<?, ?> focus = (Map<?, ?>) ((Map<?, ?>) Json.parse(alignment)).get("focus");
            System.out.println("Where to begin: " + focus.get("headline"));
            if (focus.get("stage") != null) {
                System.out.println("  stage " + focus.get("stage") + ", coverage " + focus.get("coverage")
                        + "; the conversations to begin there:");
                for (Object item : list(focus.get("conversations"))) {
                    conversation((Map<?, ?>) item);
                }
            }
        } catch (RuntimeException e) {
            System.out.println("(No focus: the alignment state has a shape this demo does not know: " + e + ")");
        }
    }

    /**
     * The alignment state in a few lines, and the conversations to begin: read with a small JSON
     * parser, and skipped (with a note) should this Accord answer another shape.
     */
    static void summary(String alignment) {
        try {
            Map<?, ?> state = (Map<?, ?>) Json.parse(alignment);
            System.out.println("In short: score " + state.get("score") + ", band " + state.get("band"));
            List<String> stages = new ArrayList<>();
            for (Object o : list(state.get("stages"))) {
                Map<?, ?> stage = (Map<?, ?>) o;
                stages.add(stage.get("number") + " " + stage.get("stage") + " " + stage.get("engaged") + "/"
                        + stage.get("of"));
            }
            System.out.println("  stages engaged   " + String.join(", ", stages));
            List<String> gaps = new ArrayList<>();
            for (Object o : list(state.get("gaps"))) {
                Map<?, ?> gap = (Map<?, ?>) o;
                gaps.add(nameOf(gap.get("personId")) + " reached " + gap.get("reachedStage") + " without "
                        + join(list(gap.get("missingStages")), "+"));
            }
            System.out.println("  skipped stages   " + (gaps.isEmpty() ? "none" : String.join("; ", gaps)));
            Map<?, ?> units = (Map<?, ?>) state.get("units");
            if (units != null) {
                List<String> pairs = new ArrayList<>();
                for (Object o : list(units.get("disconnected"))) {
                    pairs.add(join(list(((Map<?, ?>) o).get("units")), "-"));
                }
                System.out.println("  disconnected     " + (pairs.isEmpty() ? "none" : String.join(", ", pairs)));
                System.out.println("  unrepresented    " + join(list(units.get("unrepresented")), ", "));
            }
            System.out.println("  enrollment       " + fields(state.get("enrollment")));
            System.out.println("  commitments      " + fields(state.get("commitments")));
            System.out.println("  requests         " + fields(state.get("requests")));

            System.out.println();
            System.out.println("Which conversations to begin now, every stage:");
            for (Object item : list(state.get("recommendations"))) {
                conversation((Map<?, ?>) item);
            }
        } catch (RuntimeException e) {
            System.out.println("(No summary: the alignment state has a shape this demo does not know: " + e + ")");
        }
    }

    /** One recommendation in one line: stage, kind, the people (or units), what it is about. */
    static void conversation(Map<?, ?> item) {
        List<String> people = new ArrayList<>();
        for (Object id : list(item.get("participants"))) {
            people.add(nameOf(id));
        }
        String who = people.isEmpty() ? "units " + join(list(item.get("units")), ", ")
                : String.join(", ", people);
        String about = "";
        for (String key : List.of("possibilityId", "requestId", "commitmentId")) {
            Object id = item.get(key);
            if (id != null) {
                about = ": " + LABELS.getOrDefault(id.toString(), key + " " + shortId(id.toString()));
            }
        }
        System.out.printf("  %-13s %-18s %s%s%n", item.get("stage"), item.get("kind"), who, about);
    }

    static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    static String join(List<?> values, String separator) {
        List<String> texts = new ArrayList<>();
        for (Object value : values) {
            texts.add(String.valueOf(value));
        }
        return texts.isEmpty() ? "none" : String.join(separator, texts);
    }

    static String fields(Object object) {
        if (!(object instanceof Map<?, ?> map)) {
            return String.valueOf(object);
        }
        List<String> parts = new ArrayList<>();
        map.forEach((key, value) -> parts.add(key + " " + value));
        return String.join(", ", parts);
    }

    /** "Emre" for emre.yilmaz: the cast's first names, or the id itself. */
    static String nameOf(Object personId) {
        for (Person p : CAST) {
            if (p.id().equals(personId)) {
                return p.first();
            }
        }
        return String.valueOf(personId);
    }

    /** A read that waits for the projection: 503 (not caught up yet) is retried a few times. */
    static Reply read(String path) {
        Reply reply = null;
        for (int attempt = 1; attempt <= 6; attempt++) {
            reply = send("GET", api + path, null);
            if (reply.status() != 503) {
                return reply;
            }
            sleep(Duration.ofSeconds(1));
        }
        return reply;
    }

    // ---------------------------------------------------------------- HTTP

    record Reply(int status, String body) {
    }

    static class DemoFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DemoFailure(String message) {
            super(message);
        }
    }

    /** POSTs a command and answers the receipt; anything but the expected status stops the demo. */
    static String post(String path, Raw body, int expected) {
        Reply reply = send("POST", api + path, body.json());
        if (reply.status() != expected) {
            throw failure("POST", api + path, reply, expected, body.json());
        }
        Matcher v = Pattern.compile("\"version\"\\s*:\\s*(\\d+)").matcher(reply.body());
        if (!v.find()) {
            throw new DemoFailure("POST " + api + path + " answered " + reply.status()
                    + " without a version in its receipt:\n  " + reply.body());
        }
        version = Math.max(version, Long.parseLong(v.group(1)));
        return reply.body();
    }

    static String get(String url, int expected) {
        Reply reply = send("GET", url, null);
        if (reply.status() != expected) {
            throw failure("GET", url, reply, expected, null);
        }
        return reply.body();
    }

    static DemoFailure failure(String method, String url, Reply reply, int expected, String sent) {
        return new DemoFailure(method + " " + url + "\n  answered " + reply.status() + ", expected " + expected
                + "\n  response: " + (reply.body().isBlank() ? "(empty)" : reply.body())
                + (sent == null ? "" : "\n  request:  " + sent));
    }

    static Reply send(String method, String url, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("X-Correlation-Id", correlationId);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new DemoFailure(method + " " + url + "\n  could not connect (" + e + ")."
                    + "\n  Is Accord running there? Start it with:"
                    + "\n    mvn -B -DskipTests package && java -jar target/quarkus-app/quarkus-run.jar");
        } catch (HttpTimeoutException e) {
            throw new DemoFailure(method + " " + url + "\n  no answer within 30 s (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new DemoFailure(method + " " + url + "\n  failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure(method + " " + url + "\n  interrupted");
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- time

    /** The working day {@code n} working days before today (n > 0) or after it (n < 0). */
    static LocalDate workday(int n) {
        LocalDate date = TODAY;
        int step = n > 0 ? -1 : 1;
        for (int left = Math.abs(n); left > 0; ) {
            date = date.plusDays(step);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return date;
    }

    static String timestamp(LocalDate date, int h, int m) {
        return date.atTime(h, m).atZone(ZONE).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** When a conversation happened: n working days ago at h:m in Berlin (always in the past). */
    static String at(int n, int h, int m) {
        if (n < 1) {
            throw new IllegalArgumentException("conversations are back-dated by at least one working day");
        }
        return timestamp(workday(n), h, m);
    }

    /** A due date n working days ago, end of business. */
    static String due(int n) {
        return timestamp(workday(n), 17, 0);
    }

    /** A due date n working days from today, end of business. */
    static String dueIn(int n) {
        return timestamp(workday(-n), 17, 0);
    }

    static String day(int n) {
        return workday(n).format(DAY);
    }

    static String when(String timestamp) {
        return ZonedDateTime.parse(timestamp).format(DateTimeFormatter.ofPattern("EEE dd MMM", Locale.ENGLISH));
    }

    // ---------------------------------------------------------------- output

    static void headline(String text) {
        System.out.println();
        System.out.println("== " + text);
    }

    static void line(String day, String what, String text) {
        System.out.printf("%-11s  %-15s %s%n", day, what, text);
    }

    static void aside(String text) {
        System.out.println(INDENT + "(" + text + ")");
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }

    static String shortId(String id) {
        return "#" + id.substring(0, Math.min(8, id.length()));
    }

    static String firstNames(List<Person> people) {
        List<String> names = new ArrayList<>();
        for (Person p : people) {
            names.add(p.first());
        }
        return names.isEmpty() ? "nobody" : String.join(", ", names);
    }

    static String cast() {
        Map<String, List<String>> byUnit = new LinkedHashMap<>();
        for (Person p : JOINERS) {
            byUnit.computeIfAbsent(p.unit(), unit -> new ArrayList<>()).add(p.name() + " (" + p.role() + ")");
        }
        List<String> units = new ArrayList<>();
        byUnit.forEach((unit, names) -> units.add(unit + ": " + String.join(", ", names)));
        return "\n" + INDENT + String.join("\n" + INDENT, units);
    }

    static String milestoneSummary(String[][] milestones) {
        List<String> parts = new ArrayList<>();
        for (String[] milestone : milestones) {
            parts.add(milestone[0] + " (" + milestone[2] + ", " + when(milestone[1]) + ")");
        }
        return String.join(", ", parts);
    }

    // ---------------------------------------------------------------- JSON by hand

    /** JSON text that is already JSON. */
    record Raw(String json) {
        @Override
        public String toString() {
            return json;
        }
    }

    static Raw person(Person p) {
        return obj("personId", p.id(), "displayName", p.name(), "unit", p.unit(), "role", p.role());
    }

    static List<Object> ids(List<Person> people) {
        List<Object> ids = new ArrayList<>();
        for (Person p : people) {
            ids.add(p.id());
        }
        return ids;
    }

    /** An object from key/value pairs; a null value leaves its key out. */
    static Raw obj(Object... keysAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(string((String) keysAndValues[i])).append(':').append(value(keysAndValues[i + 1]));
        }
        return new Raw(json.append('}').toString());
    }

    static Raw arr(Object... items) {
        return new Raw(value(List.of(items)));
    }

    static String value(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Raw raw) {
            return raw.json();
        } else if (value instanceof String s) {
            return string(s);
        } else if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        } else if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(value(item));
            }
            return "[" + String.join(",", items) + "]";
        }
        throw new IllegalArgumentException("no JSON for " + value.getClass());
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The string value of the first "name": "…" in a JSON text; stops the demo when absent. */
    static String text(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(json);
        if (!m.find()) {
            throw new DemoFailure("expected \"" + name + "\" in the answer, got:\n  " + json);
        }
        return m.group(1);
    }

    /** The strings of the first "name": [ "…", … ] in a JSON text. */
    static List<String> strings(String json, String name) {
        Matcher array = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\\[([^\\]]*)]").matcher(json);
        List<String> values = new ArrayList<>();
        if (array.find()) {
            Matcher item = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(array.group(1));
            while (item.find()) {
                values.add(item.group(1));
            }
        }
        return values;
    }

    static final int INLINE = 100;

    /**
     * Indents JSON two spaces per level. An object or array that fits on a short line stays on
     * one line; strings are copied as they are.
     */
    static String pretty(String json) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = endOfString(json, i);
                out.append(json, i, end);
                i = end;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '{' || c == '[') {
                int close = matching(json, i);
                String inline = close > 0 && close - i < 4 * INLINE ? oneLine(json.substring(i, close + 1)) : null;
                if (inline != null && inline.length() + 2 * depth <= INLINE) {
                    out.append(inline);
                    i = close + 1;
                    continue;
                }
                depth++;
                out.append(c).append('\n').append("  ".repeat(depth));
            } else if (c == '}' || c == ']') {
                depth--;
                out.append('\n').append("  ".repeat(depth)).append(c);
            } else if (c == ',') {
                out.append(",\n").append("  ".repeat(depth));
            } else if (c == ':') {
                out.append(": ");
            } else {
                out.append(c);
            }
            i++;
        }
        return "  " + out.toString().replace("\n", "\n  ");
    }

    static String oneLine(String container) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < container.length(); ) {
            char c = container.charAt(i);
            if (c == '"') {
                int end = endOfString(container, i);
                out.append(container, i, end);
                i = end;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                out.append(c);
                if (c == ',' || c == ':') {
                    out.append(' ');
                }
            }
            i++;
        }
        return out.toString();
    }

    /** The index just after the string literal that starts at {@code start}. */
    static int endOfString(String json, int start) {
        int i = start + 1;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return json.length();
    }

    /** The index of the bracket closing the one at {@code open}, or -1. */
    static int matching(String json, int open) {
        int depth = 0;
        int i = open;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                i = endOfString(json, i);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        return -1;
    }

    /** Just enough of a JSON reader for the summary: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.at != text.length()) {
                throw json.error("end of input");
            }
            return value;
        }

        private Object value() {
            space();
            if (at >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                at++;
                space();
                if (peek('}')) {
                    return object;
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    object.put(key, value());
                    space();
                } while (next(','));
                expect('}');
                return object;
            } else if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                space();
                if (peek(']')) {
                    return array;
                }
                do {
                    array.add(value());
                    space();
                } while (next(','));
                expect(']');
                return array;
            } else if (c == '"') {
                return string();
            } else if (text.startsWith("true", at)) {
                at += 4;
                return true;
            } else if (text.startsWith("false", at)) {
                at += 5;
                return false;
            } else if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw error("a value");
            }
            String number = text.substring(start, at);
            return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped);
                }
            }
            throw error("the end of a string");
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private boolean next(char c) {
            return peek(c);
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("'" + c + "'");
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("expected " + expected + " at character " + at);
        }
    }
}
