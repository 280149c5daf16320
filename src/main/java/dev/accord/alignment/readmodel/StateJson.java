package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.alignment.domain.Recommendation;
import dev.accord.readmodel.RowCache;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the alignment state as the read model stores it (its {@code state} column), exactly as
 * the application's mapper writes it. The recommendations are most of a long initiative's state
 * (one per open request, unmapped possibility, overdue or unacknowledged commitment), and one
 * event changes few of them: the JSON of each is kept from the state last written for the same
 * initiative and written again as it was when an equal recommendation comes back, so writing a
 * state costs what changed in it, plus copying the rest once.
 * <p>
 * The recommendations written last are kept in the replica's {@link RowCache}, with the
 * initiative's rows and under the same bound, weighing one per recommendation kept, as a state
 * weighs its items ({@link StateWeight}): a count, like the events a row weighs, not bytes (a
 * recommendation's JSON is a few hundred). Forgotten, they cost the next state of the initiative
 * writing each of its recommendations again.
 */
public final class StateJson {

    /** Each recommendation of the state last written, and its JSON, per initiative. */
    private static final RowCache.Part<Map<Recommendation, String>> WRITTEN =
            new RowCache.Part<>("alignment recommendations written", Map::size);

    private static final Object FRAGMENTS = Fragments.class;

    /** Where a recommendation's JSON goes in the state written without it. */
    private static final String PLACE = "\u0001";

    private final ObjectWriter recommendation;
    private final ObjectWriter state;
    private final RowCache memory;

    public StateJson(ObjectMapper mapper, RowCache memory) {
        this.memory = memory;
        recommendation = mapper.writerFor(Recommendation.class);
        state = mapper.copy()
                .registerModule(new SimpleModule("accord-state-fragments")
                        .addSerializer(Recommendation.class, new Kept()))
                .writerFor(AlignmentState.class);
    }

    /** The state's JSON, as {@code mapper.writeValueAsString(state)} gives it. */
    public String write(AlignmentState alignment) throws JsonProcessingException {
        UUID initiativeId = alignment.initiativeId();
        Fragments fragments = new Fragments(memory.get(WRITTEN, initiativeId).orElse(Map.of()),
                new HashMap<>(2 * alignment.recommendations().size()), new ArrayList<>(alignment.recommendations().size()));
        String skeleton = state.withAttribute(FRAGMENTS, fragments).writeValueAsString(alignment);
        if (fragments.now().isEmpty()) {
            memory.forget(WRITTEN, initiativeId);
        } else {
            memory.keep(WRITTEN, initiativeId, fragments.now());
        }
        return fragments.into(skeleton);
    }

    /**
     * The recommendations written last time for this initiative, those written now, and where each
     * of this state's goes: the state is written with {@link #PLACE} for each, and the pieces put in
     * after, in one copy. (Jackson escapes a control character inside a string, so a bare one in its
     * output is one of these places.)
     */
    private record Fragments(Map<Recommendation, String> before, Map<Recommendation, String> now,
                             List<String> inOrder) {

        String of(Recommendation item, ObjectWriter writer) throws JsonProcessingException {
            String json = before.get(item);
            if (json == null) {
                json = writer.writeValueAsString(item);
            }
            now.put(item, json);
            inOrder.add(json);
            return PLACE;
        }

        String into(String skeleton) {
            int length = skeleton.length() - inOrder.size();
            for (String piece : inOrder) {
                length += piece.length();
            }
            StringBuilder whole = new StringBuilder(length);
            int from = 0;
            for (String piece : inOrder) {
                int place = skeleton.indexOf(PLACE, from);
                whole.append(skeleton, from, place).append(piece);
                from = place + PLACE.length();
            }
            return whole.append(skeleton, from, skeleton.length()).toString();
        }
    }

    /** Writes a recommendation as the mapper does, taking its JSON from the last state when it is unchanged. */
    private final class Kept extends StdSerializer<Recommendation> {

        Kept() {
            super(Recommendation.class);
        }

        @Override
        public void serialize(Recommendation item, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            Fragments fragments = (Fragments) provider.getAttribute(FRAGMENTS);
            generator.writeRawValue(fragments == null ? recommendation.writeValueAsString(item)
                    : fragments.of(item, recommendation));
        }
    }
}
