package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.accord.alignment.domain.AlignmentState;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * An alignment state's JSON as the application's mapper writes it, written once and answered at
 * any clock: a state read again at another instant ({@link AlignmentState#at}) differs only in its
 * {@code asOf}, so the bytes before and after that value are kept, and a read writes the instant
 * alone between them.
 * <p>
 * The {@code asOf} is found as the first member of that name: the state writes it fourth, after
 * the focus, the initiative and the version, and no record in the state has a member of that
 * name. A {@code ,"asOf":} cannot be inside a string either, where the mapper escapes each quote.
 */
public final class StateBody {

    private static final byte[] MEMBER = ",\"asOf\":".getBytes(StandardCharsets.UTF_8);

    private final long version;
    private final byte[] head;
    private final byte[] tail;
    private final ObjectWriter instants;

    private StateBody(long version, byte[] head, byte[] tail, ObjectWriter instants) {
        this.version = version;
        this.head = head;
        this.tail = tail;
        this.instants = instants;
    }

    /** {@code state}'s JSON, split around its {@code asOf}. */
    public static StateBody of(ObjectMapper mapper, AlignmentState state) {
        ObjectWriter instants = mapper.writerFor(Instant.class);
        byte[] whole = bytes(mapper.writerFor(AlignmentState.class), state);
        byte[] asOf = bytes(instants, state.asOf());
        int member = indexOf(whole, MEMBER);
        int value = member + MEMBER.length;
        if (member < 0 || !Arrays.equals(whole, value, value + asOf.length, asOf, 0, asOf.length)) {
            throw new IllegalStateException("the alignment state's JSON has no asOf where expected");
        }
        return new StateBody(state.version(), Arrays.copyOfRange(whole, 0, value),
                Arrays.copyOfRange(whole, value + asOf.length, whole.length), instants);
    }

    public long version() {
        return version;
    }

    /**
     * The JSON of the state read at {@code asOf}, as {@code mapper.writeValueAsBytes(state.at(asOf))}
     * gives it: the bytes kept and the instant's, wrapped in one buffer without being copied (the
     * network layer copies them once, into its own buffer, as it sends them).
     */
    public Buffer at(Instant asOf) {
        return Buffer.buffer(Unpooled.wrappedBuffer(head, bytes(instants, asOf), tail));
    }

    private static byte[] bytes(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alignment state", e);
        }
    }

    private static int indexOf(byte[] in, byte[] part) {
        for (int at = 0; at <= in.length - part.length; at++) {
            if (Arrays.equals(in, at, at + part.length, part, 0, part.length)) {
                return at;
            }
        }
        return -1;
    }
}
