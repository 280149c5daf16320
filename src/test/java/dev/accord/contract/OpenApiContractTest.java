package dev.accord.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.alignment.domain.Recommendation;
import dev.accord.alignment.readmodel.PeopleQueries;
import dev.accord.alignment.readmodel.PortfolioQueries;
import dev.accord.initiative.api.LaunchRequest;
import dev.accord.initiative.readmodel.InitiativeDetails;
import dev.accord.initiative.readmodel.InitiativeSummary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * openapi.yaml, the document Accord serves, and the resources Accord runs must agree: the same
 * operations, the same request and response fields as the records that carry them, examples
 * for what every operation takes and answers, every error a client can get, and real answers
 * that validate against the document.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "get", POST.class, "post",
            PUT.class, "put", DELETE.class, "delete", PATCH.class, "patch");
    private static final Set<String> COMMAND_VERBS = Set.of("post", "put", "patch", "delete");

    @Test
    void the_served_document_is_the_contract() throws IOException {
        JsonNode contract = contract();
        JsonNode served = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        assertEquals(operations(contract), operations(served));
        assertEquals(contract.path("info").path("title").asText(), served.path("info").path("title").asText());
    }

    @Test
    void every_resource_method_is_in_the_contract_and_nothing_else_is() throws IOException {
        Set<String> implemented = resourceMethods().keySet();
        assertFalse(implemented.isEmpty());
        assertEquals(implemented, operations(contract()));
    }

    @Test
    void every_operation_documents_a_summary_an_example_and_its_errors() throws IOException {
        for (Operation operation : documentedOperations(contract())) {
            assertTrue(operation.node().hasNonNull("summary"), operation + " has a summary");
            JsonNode responses = operation.node().path("responses");
            assertTrue(responses.fieldNames().hasNext(), operation + " has responses");
            boolean documentsAnError = false;
            for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
                documentsAnError |= codes.next().startsWith("4");
            }
            assertTrue(documentsAnError, operation + " documents its 4xx answers");
        }
    }

    @Test
    void every_operation_has_an_id_and_examples_of_what_it_takes_and_what_it_answers() throws IOException {
        JsonNode contract = contract();
        Set<String> operationIds = new TreeSet<>();
        for (Operation operation : documentedOperations(contract)) {
            JsonNode node = operation.node();
            assertTrue(node.hasNonNull("operationId"), operation + " has an operationId");
            assertTrue(operationIds.add(node.get("operationId").asText()), operation + " has a unique operationId");
            if (node.has("requestBody")) {
                JsonNode json = resolve(contract, node.get("requestBody")).path("content").path("application/json");
                assertFalse(json.isMissingNode(), operation + " takes application/json");
                assertTrue(hasExample(json), operation + " shows an example of its request body");
            }
            List<String> successes = new ArrayList<>();
            node.path("responses").fieldNames().forEachRemaining(code -> {
                if (code.startsWith("2")) {
                    successes.add(code);
                }
            });
            assertFalse(successes.isEmpty(), operation + " documents its success");
            for (String code : successes) {
                if (code.equals("204")) {
                    continue; // No Content: nothing to show
                }
                boolean shown = false;
                for (JsonNode media : resolve(contract, node.path("responses").get(code)).path("content")) {
                    shown |= hasExample(media);
                }
                assertTrue(shown, operation + " shows an example of its " + code + " answer");
            }
        }
    }

    /**
     * Commands answer 400 (unreadable), 422 (invalid) and 503 (dependency down); those on an
     * existing initiative also 404, 409 and 412; those that take a body also 413 and 415. The
     * launch makes its initiative (nothing to find, to conflict with or to be at a version), and
     * leaving takes no body: documenting those answers would promise what cannot happen.
     */
    @Test
    void every_command_documents_every_error_a_client_can_get() throws IOException {
        JsonNode contract = contract();
        int commands = 0;
        for (Operation operation : documentedOperations(contract)) {
            if (!COMMAND_VERBS.contains(operation.verb())) {
                continue;
            }
            commands++;
            Set<String> expected = adminOperation(operation) ? new TreeSet<>(Set.of("503"))
                    : new TreeSet<>(Set.of("400", "422", "503"));
            if (operation.path().contains("{initiativeId}")) {
                expected.addAll(adminOperation(operation) ? Set.of("404", "409") : Set.of("404", "409", "412"));
            }
            if (operation.node().has("requestBody")) {
                expected.addAll(Set.of("400", "413", "415", "422"));
            }
            Set<String> documented = new TreeSet<>();
            operation.node().path("responses").fieldNames().forEachRemaining(documented::add);
            assertTrue(documented.containsAll(expected),
                    operation + " documents " + expected + " but has " + documented);
            for (String code : expected) {
                JsonNode problem = resolve(contract, operation.node().path("responses").get(code))
                        .path("content").path("application/problem+json");
                assertFalse(problem.isMissingNode(), operation + " answers " + code + " as application/problem+json");
                assertTrue(problem.path("schema").path("$ref").asText().endsWith("/Problem"),
                        operation + " answers " + code + " with the Problem schema");
                if (code.equals("409") || code.equals("422")) {
                    assertTrue(hasExample(problem), operation + " shows an example of its " + code);
                }
            }
        }
        assertTrue(commands > 10, "the contract documents the commands");
    }

    /**
     * The admin operations (the read side's, and webhook subscriptions) act on no initiative's
     * stream: no version to be at (412), and only a body can be unreadable or invalid (400, 422).
     */
    private static boolean adminOperation(Operation operation) {
        return operation.path().startsWith("/api/v1/admin/") || operation.path().startsWith("/api/v1/webhooks");
    }

    @Test
    void every_request_body_schema_names_exactly_the_fields_of_its_request_record() throws IOException {
        JsonNode contract = contract();
        Map<String, Operation> documented = new TreeMap<>();
        for (Operation operation : documentedOperations(contract)) {
            documented.put(operation.key(), operation);
        }
        int bodies = 0;
        for (Map.Entry<String, Method> implemented : resourceMethods().entrySet()) {
            Operation operation = documented.get(implemented.getKey());
            assertNotNull(operation, implemented.getKey() + " is documented");
            Class<?> body = bodyType(implemented.getValue());
            assertEquals(body != null, operation.node().has("requestBody"),
                    operation + " documents a request body exactly when " + implemented.getValue() + " takes one");
            if (body == null) {
                continue;
            }
            bodies++;
            assertTrue(body.isRecord(), body + " is a record");
            JsonNode schema = resolve(contract, operation.node().get("requestBody"))
                    .path("content").path("application/json").path("schema");
            assertSameFields(contract, body, schema, operation + " request body");
        }
        assertTrue(bodies > 10, "the resources take request bodies");
        assertTrue(resourceMethods().values().stream().anyMatch(method -> bodyType(method) == LaunchRequest.class));
    }

    @Test
    void the_details_and_listing_schemas_name_exactly_the_fields_of_their_records() throws IOException {
        JsonNode contract = contract();
        JsonNode schemas = contract.path("components").path("schemas");
        assertSameFields(contract, InitiativeDetails.class, schemas.path("InitiativeDetails"), "InitiativeDetails");
        assertSameFields(contract, InitiativeSummary.class, schemas.path("InitiativeSummary"), "InitiativeSummary");
        JsonNode details = contract.at("/paths/~1api~1v1~1initiatives~1{initiativeId}/get/responses/200/content"
                + "/application~1json/schema/$ref");
        assertEquals("#/components/schemas/InitiativeDetails", details.asText(),
                "GET details answers InitiativeDetails");
    }

    @Test
    void the_alignment_people_and_portfolio_schemas_name_exactly_the_fields_of_their_records() throws IOException {
        JsonNode contract = contract();
        JsonNode schemas = contract.path("components").path("schemas");
        assertSameFields(contract, AlignmentState.class, schemas.path("AlignmentState"), "AlignmentState");
        assertSameFields(contract, Recommendation.class, schemas.path("Recommendation"), "Recommendation");
        assertSameFields(contract, PeopleQueries.Engagement.class, schemas.path("Engagement"), "Engagement");
        assertSameFields(contract, PortfolioQueries.Portfolio.class, schemas.path("Portfolio"), "Portfolio");

        assertEquals("#/components/schemas/AlignmentState",
                answer(contract, "/api/v1/initiatives/{initiativeId}/alignment").path("$ref").asText(),
                "GET alignment answers AlignmentState");
        JsonNode recommendations = answer(contract, "/api/v1/initiatives/{initiativeId}/recommendations");
        assertEquals("array", recommendations.path("type").asText(), "GET recommendations answers an array");
        assertEquals("#/components/schemas/Recommendation", recommendations.path("items").path("$ref").asText(),
                "GET recommendations answers Recommendation items");
        assertEquals("#/components/schemas/Engagement",
                answer(contract, "/api/v1/people/{personId}/engagement").path("$ref").asText(),
                "GET engagement answers Engagement");
        assertEquals("#/components/schemas/Portfolio", answer(contract, "/api/v1/portfolio").path("$ref").asText(),
                "GET portfolio answers Portfolio");
        assertEquals("#/components/schemas/InitiativeSummary",
                resolve(contract, answer(contract, "/api/v1/initiatives")).path("properties").path("items")
                        .path("items").path("$ref").asText(), "GET initiatives answers a page of InitiativeSummary");
    }

    /** The schema of a GET's 200 application/json answer. */
    private static JsonNode answer(JsonNode contract, String path) {
        JsonNode schema = contract.path("paths").path(path).path("get").path("responses").path("200")
                .path("content").path("application/json").path("schema");
        assertFalse(schema.isMissingNode(), "GET " + path + " documents its JSON answer");
        return schema;
    }

    /**
     * Every conversation's happy path, and a few of its problems, through a filter that checks
     * each request and each answer against openapi.yaml: status, headers and body schema.
     */
    @Test
    void real_answers_to_every_conversation_validate_against_the_contract() throws IOException {
        Client client = validatingClient();
        String sponsor = "hr:sponsor-" + UUID.randomUUID();
        String sales = "hr:sales-" + UUID.randomUUID();
        String finance = "hr:finance-" + UUID.randomUUID();
        String visitor = "hr:visitor-" + UUID.randomUUID();
        String soon = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
        String later = Instant.now().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.SECONDS).toString();

        String id = client.post("/api/v1/initiatives", Map.of("title", "One customer view",
                "strategy", "Every unit sees the same customer record by the end of the fiscal year.",
                "sponsor", Map.of("personId", sponsor, "displayName", "Sam Sponsor", "unit", "exec", "role", "Sponsor"),
                "units", List.of("exec", "sales", "finance"), "targetDate", "2027-06-30"), 201)
                .extract().path("initiativeId");
        String base = "/api/v1/initiatives/" + id;
        client.post(base + "/participants",
                Map.of("personId", sales, "displayName", "Ana Sales", "unit", "sales", "role", "Account lead"), 200);
        client.post(base + "/participants",
                Map.of("personId", finance, "displayName", "Fay Finance", "unit", "finance",
                        "role", "Controller"), 200);
        client.post(base + "/participants",
                Map.of("personId", visitor, "displayName", "Val Visitor", "unit", "sales", "role", "Observer"), 200);
        client.request().queryParam("reason", "Only came to listen")
                .delete(base + "/participants/" + visitor).then().statusCode(200);

        client.post(base + "/relationships", Map.of("participants", List.of(sponsor, sales, finance),
                "mutualUnderstanding", "Sales needs one record to quote from; finance needs it to bill from."), 201);
        String possibility = client.post(base + "/possibilities", Map.of(
                "statement", "One customer record, kept by sales and trusted by finance.",
                "sharedBy", sponsor, "audience", List.of(sales, finance)), 201).extract().path("possibilityId");
        client.post(base + "/possibilities/" + possibility + "/responses",
                Map.of("personId", sales, "stance", "OWNS", "note", "Sales will keep the record."), 200);
        client.post(base + "/possibilities/" + possibility + "/responses",
                Map.of("personId", finance, "stance", "HAS_CONCERNS"), 200);
        ValidatableResponse pathway = client.post(base + "/pathways", Map.of("possibilityId", possibility,
                "participants", List.of(sponsor, sales, finance), "who", "Sales operations, finance signs off",
                "what", "Merge the customer records", "when", "By the end of Q3", "where", "In the CRM",
                "how", "Weekly reviews", "milestones", List.of(
                        Map.of("title", "Duplicates merged", "dueBy", soon, "unit", "sales"),
                        Map.of("title", "Billing reads from the CRM", "dueBy", later))), 201);
        String pathwayId = pathway.extract().path("pathwayId");
        String milestoneId = pathway.extract().path("milestoneIds[0]");

        String asked = client.post(base + "/commitment-requests", Map.of("requestedBy", sales,
                "personId", finance, "result", "Sign off each merge batch", "dueBy", soon), 201)
                .extract().path("requestId");
        String declined = client.post(base + "/commitment-requests", Map.of("requestedBy", sponsor,
                "personId", sales, "result", "Present at the kick-off", "dueBy", soon), 201)
                .extract().path("requestId");
        client.post(base + "/commitment-requests/" + declined + "/decline",
                Map.of("reason", "The agenda is closed"), 200);
        String promised = client.post(base + "/commitments", Map.of("personId", finance,
                "role", "Controller", "result", "Sign off each merge batch", "dueBy", soon, "requestId", asked,
                "pathwayId", pathwayId, "milestoneId", milestoneId), 201).extract().path("commitmentId");
        String merged = client.post(base + "/commitments", Map.of("personId", sales,
                "role", "Account lead", "result", "Merge the top 500 accounts", "dueBy", soon), 201)
                .extract().path("commitmentId");
        client.post(base + "/commitments/" + merged + "/renegotiation",
                Map.of("dueBy", later, "reason", "Two accounts need a legal review"), 200);
        client.post(base + "/commitments/" + merged + "/fulfilment",
                Map.of("evidence", "Merge report MR-17"), 200);
        client.post(base + "/commitments/" + promised + "/withdrawal",
                Map.of("reason", "The sign-offs pass to the deputy controller"), 200);
        String chaired = client.post(base + "/commitments", Map.of("personId", sponsor, "role", "Sponsor",
                "result", "Chair the weekly data review", "dueBy", soon), 201).extract().path("commitmentId");
        assertEquals(200, withoutBody(base + "/commitments/" + chaired + "/fulfilment"),
                "a fulfilment needs no body, nor a Content-Type");
        client.post(base + "/feedback", Map.of("from", finance, "to", sales, "commitmentId", merged,
                "text", "The merge report made sign-off quick."), 201);
        long version = client.post(base + "/acknowledgements", Map.of("from", sponsor, "to", sales,
                        "commitmentId", merged, "text", "Thank you for merging the top accounts."), 201)
                .extract().<Integer>path("version");

        client.post(base + "/commitments/" + merged + "/fulfilment", Map.of(), 409);
        client.post(base + "/feedback", Map.of("from", sales, "to", sales, "text", "Well done, me."), 422);
        client.request().queryParam("minVersion", version).get(base).then().statusCode(200)
                .body("commitments.status", equalTo(List.of("WITHDRAWN", "FULFILLED", "FULFILLED")))
                .body("requests.status", equalTo(List.of("PROMISED", "DECLINED")));

        long completed = client.post(base + "/completion", Map.of("declaredBy", sponsor,
                "summary", "Every unit now reads the same customer record."), 200).extract().<Integer>path("version");
        client.post(base + "/relationships", Map.of("participants", List.of(sponsor, sales),
                "mutualUnderstanding", "Too late"), 409);
        client.request().queryParam("minVersion", completed).get(base).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        client.request().get(base + "/events").then().statusCode(200);
        client.request().queryParam("unit", "finance").queryParam("size", 5).get("/api/v1/initiatives")
                .then().statusCode(200);
    }

    /**
     * The worked example of docs/alignment-model.md played through the API, its conversations back-dated so that
     * one commitment was fulfilled on time and another is overdue now, then every read of the
     * alignment through the validation filter: the state (also at an instant), the
     * recommendations, a person's engagement, the portfolio and the listing by band. A second
     * initiative that its only participant left has no data at all: its nulls are checked too.
     */
    @Test
    void real_alignment_people_portfolio_and_listing_answers_validate_against_the_contract() throws IOException {
        Client client = validatingClient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String tag = "hr:" + UUID.randomUUID().toString().substring(0, 8);
        String sam = tag + ":sam";
        String ana = tag + ":ana";
        String bo = tag + ":bo";
        String cy = tag + ":cy";

        String id = client.post("/api/v1/initiatives", Map.of("title", "Grow EMEA mid-market",
                "strategy", "Win twenty mid-size accounts in DACH with one offer across sales and finance.",
                "sponsor", Map.of("personId", sam, "displayName", "Sam Sponsor", "unit", "exec", "role", "Sponsor"),
                "units", List.of("exec", "sales", "finance"), "launchedAt", daysAgo(now, 60)), 201)
                .extract().path("initiativeId");
        String base = "/api/v1/initiatives/" + id;
        client.post(base + "/participants",
                Map.of("personId", ana, "displayName", "Ana Sales", "unit", "sales", "role", "Account lead"), 200);
        client.post(base + "/participants",
                Map.of("personId", bo, "displayName", "Bo Finance", "unit", "finance", "role", "Analyst"), 200);
        client.post(base + "/participants",
                Map.of("personId", cy, "displayName", "Cy Sales", "unit", "sales", "role", "Inside sales"), 200);
        client.post(base + "/relationships", Map.of("participants", List.of(sam, ana),
                "mutualUnderstanding", "Sam needs the DACH numbers; Ana needs a sponsor who clears the way.",
                "occurredAt", daysAgo(now, 30)), 201);
        String possibility = client.post(base + "/possibilities", Map.of("statement", "Win twenty mid-size accounts",
                "sharedBy", sam, "audience", List.of(ana, bo), "occurredAt", daysAgo(now, 28)), 201)
                .extract().path("possibilityId");
        client.post(base + "/possibilities/" + possibility + "/responses",
                Map.of("personId", ana, "stance", "OWNS", "occurredAt", daysAgo(now, 27)), 200);
        client.post(base + "/possibilities/" + possibility + "/responses",
                Map.of("personId", bo, "stance", "BUYS_IN", "occurredAt", daysAgo(now, 27)), 200);
        client.post(base + "/pathways", Map.of("possibilityId", possibility, "participants", List.of(sam, ana),
                "who", "Sales leads", "what", "Twenty signed accounts", "when", "By the end of Q2",
                "where", "DACH", "how", "Weekly account reviews", "milestones", List.of(),
                "occurredAt", daysAgo(now, 25)), 201);
        String ofAna = client.post(base + "/commitments", Map.of("personId", ana, "role", "Account lead",
                "result", "Five signed accounts", "dueBy", daysAgo(now, 10), "occurredAt", daysAgo(now, 20)), 201)
                .extract().path("commitmentId");
        String ofBo = client.post(base + "/commitments", Map.of("personId", bo, "role", "Analyst",
                "result", "A price list for the bundle", "dueBy", daysAgo(now, 5), "occurredAt", daysAgo(now, 20)),
                201).extract().path("commitmentId");
        client.post(base + "/commitments/" + ofAna + "/fulfilment",
                Map.of("evidence", "Five contracts in the CRM", "occurredAt", daysAgo(now, 12)), 200);
        long version = client.post(base + "/acknowledgements", Map.of("from", sam, "to", ana, "commitmentId", ofAna,
                "text", "Thank you for landing the first accounts", "occurredAt", daysAgo(now, 11)), 201)
                .extract().<Integer>path("version");
        assertEquals(13, version);

        client.request().queryParam("minVersion", version).get(base + "/alignment").then().statusCode(200)
                .header("ETag", "\"13\"")
                .body("version", equalTo(13))
                .body("score", equalTo(57))
                .body("band", equalTo("PARTIAL"))
                .body("stages.engaged", contains(2, 3, 2, 2, 2))
                .body("gaps.personId", contains(bo, sam))
                .body("gaps.missingStages", contains(List.of(1, 3), List.of(4)))
                .body("units.disconnected.units", contains(List.of("exec", "finance"), List.of("finance", "sales")))
                .body("recommendations.kind", contains("UNIT_LINK", "UNIT_LINK", "RELATIONSHIP", "SHARE_POSSIBILITY",
                        "ENROLLMENT", "COMMIT", "RENEGOTIATE"))
                .body("recommendations[6].commitmentId", equalTo(ofBo));
        client.request().queryParam("asOf", Instant.now().toString()).get(base + "/alignment").then().statusCode(200)
                .body("version", equalTo(13))
                .body("score", equalTo(57));
        client.request().queryParam("minVersion", version).get(base + "/recommendations").then().statusCode(200)
                .header("ETag", "\"13\"")
                .body("participants", contains(List.of(), List.of(), List.of(bo, cy), List.of(cy), List.of(bo),
                        List.of(sam), List.of(bo)));
        client.request().get("/api/v1/people/" + bo + "/engagement").then().statusCode(200)
                .body("initiatives.initiativeId", contains(id))
                .body("initiatives[0].stages", contains(2, 4))
                .body("initiatives[0].stance", equalTo("BUYS_IN"))
                .body("initiatives[0].commitments.overdue", equalTo(1));

        String zoe = tag + ":zoe";
        String paused = client.post("/api/v1/initiatives", Map.of("title", "Paused pilot",
                "strategy", "Try the offer with legal and operations first.",
                "sponsor", Map.of("personId", zoe, "displayName", "Zoe Ops", "unit", "ops", "role", "Sponsor"),
                "units", List.of("ops", "legal")), 201).extract().path("initiativeId");
        long left = client.request().queryParam("reason", "Moved to another programme")
                .delete("/api/v1/initiatives/" + paused + "/participants/" + zoe).then().statusCode(200)
                .extract().<Integer>path("version");
        client.request().queryParam("minVersion", left).get("/api/v1/initiatives/" + paused + "/alignment").then()
                .statusCode(200)
                .body("score", nullValue())
                .body("band", equalTo("UNKNOWN"))
                .body("components.stageCoverage.value", nullValue())
                .body("recommendations.kind", contains("UNIT_ENTRY", "UNIT_ENTRY"))
                .body("recommendations.units", contains(List.of("legal"), List.of("ops")));
        client.request().get("/api/v1/people/" + zoe + "/engagement").then().statusCode(200)
                .body("initiatives[0].active", equalTo(false))
                .body("initiatives[0].unit", nullValue());

        client.request().get("/api/v1/portfolio").then().statusCode(200)
                .body("bands.band", contains("ALIGNED", "PARTIAL", "MISALIGNED", "UNKNOWN"))
                .body("bands[1].initiatives.initiativeId", hasItem(id))
                .body("bands[3].initiatives.initiativeId", hasItem(paused));
        client.request().queryParam("status", "ACTIVE").get("/api/v1/portfolio").then().statusCode(200);
        client.request().queryParam("band", "PARTIAL").queryParam("size", 100).get("/api/v1/initiatives").then()
                .statusCode(200)
                .body("items.initiativeId", hasItem(id));
        client.request().queryParam("band", "UNKNOWN").queryParam("size", 100).get("/api/v1/initiatives").then()
                .statusCode(200)
                .body("items.initiativeId", hasItem(paused));

        client.request().get("/api/v1/initiatives/" + UUID.randomUUID() + "/alignment").then().statusCode(404);
        client.request().queryParam("asOf", now.minus(Duration.ofDays(365)).toString()).get(base + "/recommendations")
                .then().statusCode(404);
        client.request().get("/api/v1/initiatives/" + UUID.randomUUID() + "/alignment/stream").then()
                .statusCode(404);
        client.request().get("/api/v1/people/" + tag + ":nobody/engagement").then().statusCode(404);
    }

    private static String daysAgo(Instant now, int days) {
        return now.minus(days, ChronoUnit.DAYS).toString();
    }

    /** A client whose every request and answer is checked against openapi.yaml. */
    private static Client validatingClient() throws IOException {
        return new Client(new OpenApiValidationFilter(OpenApiInteractionValidator
                .createForInlineApiSpecification(Files.readString(java.nio.file.Path.of("openapi.yaml"))).build()));
    }

    /** A POST with no body and no Content-Type, which REST Assured cannot send. */
    private static int withoutBody(String path) {
        try {
            URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Requests sent through the validation filter. */
    private record Client(OpenApiValidationFilter contract) {

        RequestSpecification request() {
            return given().filter(contract);
        }

        ValidatableResponse post(String path, Object body, int status) {
            return request().contentType(ContentType.JSON).body(body).post(path).then().statusCode(status);
        }
    }

    private record Operation(String verb, String path, JsonNode node) {

        String key() {
            return verb + " " + normalise(path);
        }

        @Override
        public String toString() {
            return verb.toUpperCase() + " " + path;
        }
    }

    private static JsonNode contract() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(java.nio.file.Path.of("openapi.yaml")));
    }

    private static List<Operation> documentedOperations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = document.path("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = o.next();
                if (VERBS.containsValue(operation.getKey())) {
                    operations.add(new Operation(operation.getKey(), path.getKey(), operation.getValue()));
                }
            }
        }
        return operations;
    }

    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        for (Operation operation : documentedOperations(document)) {
            operations.add(operation.key());
        }
        return operations;
    }

    /** Every resource method of the HTTP edge, by verb and path shape. */
    private static Map<String, Method> resourceMethods() {
        Map<String, Method> implemented = new TreeMap<>();
        for (JavaClass resource : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.accord")) {
            if (!resource.isAnnotatedWith(Path.class) || !resource.getPackageName().endsWith(".api")) {
                continue;
            }
            Class<?> type = resource.reflect();
            String base = type.getAnnotation(Path.class).value();
            for (Method method : type.getDeclaredMethods()) {
                for (Map.Entry<Class<? extends Annotation>, String> verb : VERBS.entrySet()) {
                    if (method.isAnnotationPresent(verb.getKey())) {
                        Path sub = method.getAnnotation(Path.class);
                        implemented.put(verb.getValue() + " " + normalise(base + (sub == null ? "" : sub.value())),
                                method);
                    }
                }
            }
        }
        return implemented;
    }

    /** The entity parameter: the one JAX-RS binds from the body, as it carries no JAX-RS annotation. */
    private static Class<?> bodyType(Method method) {
        Class<?> body = null;
        for (Parameter parameter : method.getParameters()) {
            boolean bound = Arrays.stream(parameter.getAnnotations())
                    .anyMatch(annotation -> annotation.annotationType().getPackageName().startsWith("jakarta.ws.rs"));
            if (!bound) {
                assertTrue(body == null, method + " has one body parameter");
                body = parameter.getType();
            }
        }
        return body;
    }

    /**
     * The schema's property names are the record's component names, and so on down every
     * nested record (directly or as the items of a list).
     */
    private static void assertSameFields(JsonNode document, Class<?> record, JsonNode schema, String where) {
        Map<String, JsonNode> properties = properties(document, schema);
        Map<String, RecordComponent> components = new TreeMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            components.put(component.getName(), component);
        }
        assertEquals(components.keySet(), properties.keySet(),
                where + " names exactly the fields of " + record.getSimpleName());
        for (RecordComponent component : components.values()) {
            Type type = component.getGenericType();
            JsonNode property = resolve(document, properties.get(component.getName()));
            String path = where + "." + component.getName();
            if (type instanceof Class<?> nested && nested.isRecord()) {
                assertSameFields(document, nested, property, path);
            } else if (type instanceof ParameterizedType list && list.getRawType() == List.class
                    && list.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
                assertEquals("array", property.path("type").asText(), path + " is an array");
                assertSameFields(document, item, property.path("items"), path + "[]");
            }
        }
    }

    /** A schema's properties, following $ref and merging allOf. */
    private static Map<String, JsonNode> properties(JsonNode document, JsonNode schema) {
        JsonNode resolved = resolve(document, schema);
        Map<String, JsonNode> properties = new TreeMap<>();
        resolved.path("properties").fields()
                .forEachRemaining(field -> properties.put(field.getKey(), field.getValue()));
        for (JsonNode part : resolved.path("allOf")) {
            properties.putAll(properties(document, part));
        }
        return properties;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        while (current != null && current.has("$ref")) {
            String reference = current.get("$ref").asText();
            assertTrue(reference.startsWith("#/"), reference + " is local");
            current = document.at(reference.substring(1));
            assertFalse(current.isMissingNode(), reference + " resolves");
        }
        assertNotNull(current, "a schema is there");
        return current;
    }

    private static boolean hasExample(JsonNode media) {
        return media.hasNonNull("example") || media.path("examples").size() > 0;
    }

    /** Path templates compare by shape: {initiativeId} and {id} are the same slot. */
    private static String normalise(String path) {
        String normalised = path.replaceAll("\\{[^}]+}", "{}").replaceAll("/+", "/");
        return normalised.endsWith("/") && normalised.length() > 1
                ? normalised.substring(0, normalised.length() - 1) : normalised;
    }
}
