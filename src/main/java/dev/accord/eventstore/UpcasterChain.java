package dev.accord.eventstore;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Upcasters applied in order, oldest first: each step whose {@code fromType} is the event's type
 * at that point, and which applies to its data, turns it into the next type or shape, so a chain
 * of steps v1 → v2 → v3 reads a v1 event as v3. Types no step reads pass untouched, without their
 * data even being parsed (decoding is on the rebuild's hot path).
 */
public final class UpcasterChain {

    private final List<Upcaster> steps;
    private final Set<String> readTypes = new HashSet<>();

    public UpcasterChain(List<Upcaster> steps) {
        this.steps = List.copyOf(steps);
        for (Upcaster step : this.steps) {
            readTypes.add(step.fromType());
        }
    }

    /** An event's type and data, as stored or as upcast. */
    public record Shape(String type, ObjectNode data) {
    }

    /** Whether some step may read events of this type: only then is the data worth parsing. */
    public boolean reads(String type) {
        return readTypes.contains(type);
    }

    /** The current type and shape of an event stored as {@code type} with {@code data}; {@code data} is not changed. */
    public Shape upcast(String type, ObjectNode data) {
        String current = type;
        ObjectNode shape = data;
        for (Upcaster step : steps) {
            if (!step.fromType().equals(current)) {
                continue;
            }
            boolean changesType = !step.toType().equals(step.fromType());
            if (!step.appliesTo(shape)) {
                if (changesType) {
                    throw new IllegalStateException("the step from " + step.fromType() + " to " + step.toType()
                            + " changes the type, so it must read every event of " + step.fromType());
                }
                continue;
            }
            shape = step.upcast(shape == data ? data.deepCopy() : shape);
            current = step.toType();
        }
        return new Shape(current, shape);
    }

    /**
     * The type an event stored as {@code type} is read as. It depends on the type alone, since
     * only steps that change the type do, and they read every event of theirs: what the store
     * says is at a version can be compared with what was published without decoding the data.
     */
    public String currentType(String type) {
        String current = type;
        for (Upcaster step : steps) {
            if (step.fromType().equals(current)) {
                current = step.toType();
            }
        }
        return current;
    }
}
