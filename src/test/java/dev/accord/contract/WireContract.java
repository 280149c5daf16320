package dev.accord.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * asyncapi.yaml read as a subscriber reads it: per channel, the message types it carries and
 * the JSON Schema of each payload and of its headers, checked with a real JSON Schema validator
 * (draft-07, the AsyncAPI schema format; the state's payload is openapi.yaml's AlignmentState,
 * an OpenAPI 3.0 schema, whose {@code nullable} the validator honours).
 *
 * <p>The approved wire JSON lives in one directory per channel, one file per message type:
 * {@code accord.<Name>.v1} is {@code <channel directory>/<Name>.json}.
 */
final class WireContract {

    /** Which approved directory holds the records of which channel. */
    static final Map<String, String> DIRECTORIES = Map.of(
            "alignmentEvents", "events",
            "alignmentState", "state",
            "alignmentSignals", "signals");

    private static final Pattern WIRE_TYPE = Pattern.compile("accord\\.(\\w+)\\.v\\d+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final URI document;
    private final JsonNode asyncApi;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .nullableKeywordEnabled(true)
            .formatAssertionsEnabled(true)
            .build();

    private WireContract(Path asyncApiYaml) {
        Path asyncApiFile = asyncApiYaml.toAbsolutePath().normalize();
        this.document = asyncApiFile.toUri();
        this.asyncApi = read(YAML, asyncApiFile);
        // The validator would read the whole document as a schema, and its top-level `id` (the
        // AsyncAPI document's id) as a draft-04 schema id: it is handed only the components.
        String components = JSON.createObjectNode().set("components", asyncApi.path("components")).toString();
        Path openApiFile = asyncApiFile.resolveSibling("openapi.yaml");
        String openApi = JSON.createObjectNode()
                .set("components", nullableAsAnyOf(read(YAML, openApiFile).path("components"))).toString();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
                .schemaLoaders(loaders -> loaders.schemas(Map.of(document.toString(), components,
                        openApiFile.toUri().toString(), openApi))));
    }

    /*
     * openapi.yaml marks a value that may be null with OpenAPI 3.0's `nullable: true`, also beside
     * an `allOf` (Focus.stage: null or an EnrollmentStage). The validator honours `nullable` only
     * for a `type` in the same schema, so such a schema is read as what it means: null, or the rest.
     */
    private static JsonNode nullableAsAnyOf(JsonNode node) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, nullableAsAnyOf(node.get(i)));
            }
            return node;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = (ObjectNode) node;
        object.properties().forEach(field -> field.setValue(nullableAsAnyOf(field.getValue())));
        if (object.path("nullable").asBoolean() && (object.has("allOf") || object.has("$ref"))) {
            ObjectNode rest = object.deepCopy();
            rest.remove("nullable");
            ObjectNode either = JSON.createObjectNode();
            either.putArray("anyOf").add(JSON.createObjectNode().put("type", "null")).add(rest);
            return either;
        }
        return object;
    }

    static WireContract of(Path asyncApiYaml) {
        return new WireContract(asyncApiYaml);
    }

    /** A message a channel carries: its component name and its wire type ({@code ce_type}). */
    record Message(String channel, String component, String type) {

        /** The approved file of this message under {@code approvedRoot}. */
        Path approvedFile(Path approvedRoot) {
            return approvedRoot.resolve(DIRECTORIES.get(channel)).resolve(fileName(type));
        }
    }

    /** Every message of the channels that have approved records, in document order. */
    List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        for (String channel : DIRECTORIES.keySet()) {
            JsonNode listed = asyncApi.path("channels").path(channel).path("messages");
            if (listed.isMissingNode()) {
                throw new IllegalStateException("asyncapi.yaml has no channel " + channel);
            }
            for (Iterator<JsonNode> refs = listed.elements(); refs.hasNext(); ) {
                String component = refs.next().path("$ref").asText().replace("#/components/messages/", "");
                messages.add(new Message(channel, component,
                        asyncApi.path("components").path("messages").path(component).path("name").asText()));
            }
        }
        return messages;
    }

    /**
     * Everything wrong between the approved records under {@code approvedRoot} and the document:
     * a message type without a file, a file without a message type, a file its schema refuses.
     * Empty when they agree.
     */
    List<String> violations(Path approvedRoot) {
        List<String> violations = new ArrayList<>();
        List<Message> messages = messages();
        for (Map.Entry<String, String> channel : DIRECTORIES.entrySet()) {
            Set<String> expected = new TreeSet<>();
            messages.stream().filter(message -> message.channel().equals(channel.getKey()))
                    .forEach(message -> expected.add(fileName(message.type())));
            Set<String> present = filesIn(approvedRoot.resolve(channel.getValue()));
            for (String missing : difference(expected, present)) {
                violations.add(channel.getValue() + "/" + missing + ": asyncapi.yaml has the message type, "
                        + "but there is no approved file");
            }
            for (String extra : difference(present, expected)) {
                violations.add(channel.getValue() + "/" + extra + ": approved, but asyncapi.yaml's channel "
                        + channel.getKey() + " has no such message type");
            }
        }
        for (Message message : messages) {
            Path file = message.approvedFile(approvedRoot);
            if (Files.exists(file)) {
                for (String error : payloadErrors(message.component(), read(JSON, file))) {
                    violations.add(DIRECTORIES.get(message.channel()) + "/" + file.getFileName() + ": " + error);
                }
            }
        }
        return violations;
    }

    /** What the payload schema of the message {@code component} says is wrong with {@code payload}. */
    List<String> payloadErrors(String component, JsonNode payload) {
        return errors(schemaAt(payloadPointer(component)), payload);
    }

    /** What the header schema of the message {@code component} says is wrong with {@code headers}. */
    List<String> headerErrors(String component, JsonNode headers) {
        return errors(schemaAt("/components/messages/" + component + "/headers"), headers);
    }

    /** The examples of a message, each with its name, headers and payload. */
    List<JsonNode> examples(String component) {
        List<JsonNode> examples = new ArrayList<>();
        asyncApi.path("components").path("messages").path(component).path("examples").forEach(examples::add);
        return examples;
    }

    private String payloadPointer(String component) {
        String payload = "/components/messages/" + component + "/payload";
        // An AsyncAPI multi-format schema: {schemaFormat, schema}. The only other format used is
        // OpenAPI 3.0, whose nullable the validator's configuration honours.
        return asyncApi.at(payload).has("schemaFormat") ? payload + "/schema" : payload;
    }

    private JsonSchema schemaAt(String pointer) {
        return factory.getSchema(SchemaLocation.of(document + "#" + pointer), config);
    }

    private static List<String> errors(JsonSchema schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        for (ValidationMessage message : schema.validate(value)) {
            errors.add(message.getMessage());
        }
        return errors;
    }

    static String fileName(String type) {
        Matcher matcher = WIRE_TYPE.matcher(type);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an accord.<Name>.v<N> type: '" + type + "'");
        }
        return matcher.group(1) + ".json";
    }

    private static Set<String> filesIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            Set<String> names = new TreeSet<>();
            files.forEach(file -> names.add(file.getFileName().toString()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> difference = new TreeSet<>(left);
        difference.removeAll(right);
        return difference;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

}
