package dev.accord.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The fields of a drafted body, each with the schema it was built from, so one can be broken. */
final class BodyFields {

    enum Kind { TEXT, ID, ENUM, DATE, ARRAY, OBJECT, OTHER }

    record Field(JsonPointer pointer, String name, JsonNode schema, Kind kind, boolean required) {

        int maxLength() {
            return schema.path("maxLength").asInt(4000);
        }
    }

    private BodyFields() {
    }

    static List<Field> of(ApiOperations api, ApiOperations.Operation operation, JsonNode body) {
        List<Field> fields = new ArrayList<>();
        operation.bodySchema().ifPresent(schema -> walk(api, schema, body, JsonPointer.empty(), fields));
        return fields;
    }

    private static void walk(ApiOperations api, JsonNode declared, JsonNode value, JsonPointer at, List<Field> out) {
        JsonNode schema = api.resolve(declared);
        if (value instanceof ObjectNode object) {
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            Iterator<Map.Entry<String, JsonNode>> properties = object.fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                JsonNode propertySchema = api.resolve(schema.path("properties").get(property.getKey()));
                if (propertySchema == null) {
                    continue;
                }
                JsonPointer pointer = at.appendProperty(property.getKey());
                out.add(new Field(pointer, property.getKey(), propertySchema,
                        kind(property.getKey(), propertySchema), required.contains(property.getKey())));
                walk(api, propertySchema, property.getValue(), pointer, out);
            }
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode items = api.resolve(schema.get("items"));
                JsonPointer pointer = at.appendIndex(i);
                String name = at.last().getMatchingProperty();
                out.add(new Field(pointer, name, items, kind(name, items), false));
                walk(api, items, array.get(i), pointer, out);
            }
        }
    }

    private static Kind kind(String name, JsonNode schema) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        if (type.equals("object")) {
            return Kind.OBJECT;
        }
        if (type.equals("array")) {
            return Kind.ARRAY;
        }
        if (!type.equals("string")) {
            return Kind.OTHER;
        }
        if (schema.has("enum")) {
            return Kind.ENUM;
        }
        if (schema.path("format").asText().equals("date-time") || name.equals("targetDate")) {
            return Kind.DATE;
        }
        if (isId(schema)) {
            return Kind.ID;
        }
        return Kind.TEXT;
    }

    /** A name or a unit: text on one line, whose pattern refuses every C0 control, tab and newline too. */
    static boolean isSingleLine(JsonNode schema) {
        return schema.path("pattern").asText().equals("^[^\\x00-\\x1F]+$");
    }

    /** An id is a string of the id pattern; free text has a pattern too (no control characters). */
    static boolean isId(JsonNode schema) {
        return schema.path("pattern").asText().startsWith("^[A-Za-z0-9._:@-]");
    }

    /** Replaces the value at {@code pointer}; the parent is an object or an array in the body. */
    static void set(JsonNode body, JsonPointer pointer, JsonNode value) {
        JsonNode parent = body.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(pointer.last().getMatchingIndex(), value);
        }
    }

    static void remove(JsonNode body, JsonPointer pointer) {
        JsonNode parent = body.at(pointer.head());
        if (parent instanceof ObjectNode object) {
            object.remove(pointer.last().getMatchingProperty());
        } else if (parent instanceof ArrayNode array) {
            array.remove(pointer.last().getMatchingIndex());
        }
    }
}
