package dev.accord.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The operations of openapi.yaml as the fuzz run needs them: method, path, parameters and body
 * schema, with every {@code $ref} resolved. Read from the document itself so that an operation
 * added to the contract is fuzzed without anyone listing it here.
 */
public final class ApiOperations {

    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    public record Operation(String id, String method, String path, List<Parameter> parameters, JsonNode body,
                            boolean bodyRequired) {

        /** A change to an initiative, answered with a receipt (the admin operations are not). */
        public boolean isCommand() {
            return !method.equals("GET") && !path.startsWith("/api/v1/admin/");
        }

        public Optional<JsonNode> bodySchema() {
            return Optional.ofNullable(body);
        }

        public List<Parameter> in(String location) {
            return parameters.stream().filter(p -> p.in().equals(location)).toList();
        }
    }

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private final JsonNode document;
    private final List<Operation> operations;

    private ApiOperations(JsonNode document) {
        this.document = document;
        this.operations = readOperations();
    }

    /** The contract the service serves (META-INF/openapi.yaml), else the file at the project root. */
    public static ApiOperations fromContract() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream packaged = ApiOperations.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            if (packaged != null) {
                return new ApiOperations(yaml.readTree(packaged));
            }
            return new ApiOperations(yaml.readTree(Files.readString(Path.of("openapi.yaml"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.yaml", e);
        }
    }

    public List<Operation> all() {
        return operations;
    }

    public Operation byId(String operationId) {
        return operations.stream().filter(o -> o.id().equals(operationId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("openapi.yaml has no operation " + operationId));
    }

    /** Follows {@code $ref}s until a schema (or parameter, or response) that is not one. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current != null && current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local references are supported: " + ref);
            }
            current = document.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException("openapi.yaml has no " + ref);
            }
        }
        return current;
    }

    private List<Operation> readOperations() {
        List<Operation> found = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    found.add(operation(path.getKey(), method, path.getValue(), operation));
                }
            }
        }
        return List.copyOf(found);
    }

    private Operation operation(String path, String method, JsonNode pathItem, JsonNode operation) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode declared : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode reference : declared) {
                JsonNode parameter = resolve(reference);
                parameters.add(new Parameter(parameter.get("name").asText(), parameter.get("in").asText(),
                        parameter.path("required").asBoolean(false), resolve(parameter.get("schema"))));
            }
        }
        JsonNode requestBody = resolve(operation.get("requestBody"));
        JsonNode body = null;
        boolean bodyRequired = false;
        if (requestBody != null) {
            body = resolve(requestBody.path("content").path("application/json").get("schema"));
            bodyRequired = requestBody.path("required").asBoolean(false);
        }
        String id = operation.path("operationId").asText(method + " " + path);
        return new Operation(id, method.toUpperCase(Locale.ROOT), path, List.copyOf(parameters), body, bodyRequired);
    }
}
