package dev.accord.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** openapi.yaml, the document Accord serves, and the resources Accord runs must agree. */
@QuarkusTest
class OpenApiContractTest {

    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "get", POST.class, "post",
            PUT.class, "put", DELETE.class, "delete", PATCH.class, "patch");

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
        Set<String> implemented = new TreeSet<>();
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
                        implemented.add(verb.getValue() + " " + normalise(base + (sub == null ? "" : sub.value())));
                    }
                }
            }
        }
        assertFalse(implemented.isEmpty());
        assertEquals(implemented, operations(contract()));
    }

    @Test
    void every_operation_documents_a_summary_an_example_and_its_errors() throws IOException {
        JsonNode paths = contract().path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = o.next();
                if (!VERBS.containsValue(operation.getKey())) {
                    continue;
                }
                String name = operation.getKey() + " " + path.getKey();
                assertTrue(operation.getValue().hasNonNull("summary"), name + " has a summary");
                JsonNode responses = operation.getValue().path("responses");
                assertTrue(responses.fieldNames().hasNext(), name + " has responses");
                boolean documentsAnError = false;
                for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
                    documentsAnError |= codes.next().startsWith("4");
                }
                assertTrue(documentsAnError, name + " documents its 4xx answers");
            }
        }
    }

    private static JsonNode contract() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(java.nio.file.Path.of("openapi.yaml")));
    }

    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = document.path("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<String> verbs = path.getValue().fieldNames(); verbs.hasNext(); ) {
                String verb = verbs.next();
                if (VERBS.containsValue(verb)) {
                    operations.add(verb + " " + normalise(path.getKey()));
                }
            }
        }
        return operations;
    }

    /** Path templates compare by shape: {initiativeId} and {id} are the same slot. */
    private static String normalise(String path) {
        String normalised = path.replaceAll("\\{[^}]+}", "{}").replaceAll("/+", "/");
        return normalised.endsWith("/") && normalised.length() > 1
                ? normalised.substring(0, normalised.length() - 1) : normalised;
    }
}
