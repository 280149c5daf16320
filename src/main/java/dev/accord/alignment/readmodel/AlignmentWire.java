package dev.accord.alignment.readmodel;

import dev.accord.alignment.domain.AlignmentSignal;
import dev.accord.alignment.domain.AlignmentSignal.BandChanged;
import dev.accord.alignment.domain.AlignmentSignal.CommitmentOverdue;
import dev.accord.alignment.domain.AlignmentSignal.RecommendationClosed;
import dev.accord.alignment.domain.AlignmentSignal.RecommendationOpened;
import dev.accord.alignment.domain.AlignmentSignal.StageReached;
import dev.accord.alignment.domain.AlignmentSignal.StageSkipped;
import dev.accord.alignment.domain.AlignmentSignal.UnitRepresented;
import dev.accord.alignment.domain.AlignmentSignal.UnitUnrepresented;
import dev.accord.alignment.domain.AlignmentSignal.UnitsConnected;
import dev.accord.alignment.domain.AlignmentSignal.UnitsDisconnected;
import dev.accord.alignment.domain.AlignmentSignals;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The public names and identities of what the alignment publishes (asyncapi.yaml): the
 * wire type of the state record and of each signal, never a class name, and the CloudEvent id of
 * each, derived from what it announces so that publishing it again gives the same id.
 */
public final class AlignmentWire {

    public static final String STATE_TYPE = "accord.AlignmentStateChanged.v1";

    private static final Map<Class<? extends AlignmentSignal>, String> TYPES = Map.of(
            StageReached.class, "accord.StageReached.v1",
            StageSkipped.class, "accord.StageSkipped.v1",
            UnitsDisconnected.class, "accord.UnitsDisconnected.v1",
            UnitsConnected.class, "accord.UnitsConnected.v1",
            UnitUnrepresented.class, "accord.UnitUnrepresented.v1",
            UnitRepresented.class, "accord.UnitRepresented.v1",
            BandChanged.class, "accord.BandChanged.v1",
            RecommendationOpened.class, "accord.RecommendationOpened.v1",
            RecommendationClosed.class, "accord.RecommendationClosed.v1",
            CommitmentOverdue.class, "accord.CommitmentOverdue.v1");

    private AlignmentWire() {
    }

    public static String typeOf(AlignmentSignal signal) {
        String type = TYPES.get(signal.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no wire type for " + signal.getClass().getSimpleName());
        }
        return type;
    }

    /** Every signal's wire type, for the approval of their wire form. */
    public static List<String> signalTypes() {
        return TYPES.values().stream().sorted().toList();
    }

    /**
     * {@code UUID.nameUUIDFromBytes} of {@code initiativeId:version:type:discriminator}: a record
     * announcing the same thing of the same version has the same id, whoever publishes it and however often.
     */
    public static UUID id(UUID initiativeId, long version, String type, String discriminator) {
        return UUID.nameUUIDFromBytes((initiativeId + ":" + version + ":" + type + ":" + discriminator)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** What tells a signal apart from the other signals of its type at the same version. */
    public static String discriminator(AlignmentSignal signal) {
        if (signal instanceof StageReached reached) {
            return reached.personId() + ":" + reached.stage();
        } else if (signal instanceof StageSkipped skipped) {
            return skipped.personId();
        } else if (signal instanceof UnitsDisconnected disconnected) {
            return String.join(",", disconnected.units());
        } else if (signal instanceof UnitsConnected connected) {
            return String.join(",", connected.units());
        } else if (signal instanceof UnitUnrepresented unrepresented) {
            return unrepresented.unit();
        } else if (signal instanceof UnitRepresented represented) {
            return represented.unit();
        } else if (signal instanceof BandChanged band) {
            return band.from() + "->" + band.to();
        } else if (signal instanceof RecommendationOpened opened) {
            return AlignmentSignals.keyOf(opened.recommendation());
        } else if (signal instanceof RecommendationClosed closed) {
            return AlignmentSignals.keyOf(closed.recommendation());
        } else if (signal instanceof CommitmentOverdue overdue) {
            return overdue.commitmentId() + ":" + DateTimeFormatter.ISO_INSTANT.format(overdue.dueBy());
        }
        throw new IllegalArgumentException("no discriminator for " + signal.getClass().getSimpleName());
    }
}
