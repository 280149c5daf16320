package dev.accord.eventstore;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of evolution: reads a stored event of an older type or shape as a newer one. Pure: it
 * sees only the event's type and data, never a clock, a database or another event, so a stream
 * reads the same on every replay (docs/event-evolution.md).
 *
 * <p>Two kinds of step. One that changes the type ({@code toType} differs from {@code fromType})
 * reads a retired {@code .vN} type as its successor and applies to every event of that type: a
 * type names one shape. One that keeps the type reads a shape stored under that type before it
 * took its current form, and says by {@link #appliesTo} which data has that older shape.
 */
public interface Upcaster {

    /** The stored type this step reads. */
    String fromType();

    /** The type the event has after this step; {@link #fromType()} when the step keeps the type. */
    String toType();

    /** Whether {@code data} has the older shape this step reads (always, for a step that changes the type). */
    boolean appliesTo(ObjectNode data);

    /** The data in the newer shape. {@code data} is the step's own copy: it may change and return it. */
    ObjectNode upcast(ObjectNode data);
}
