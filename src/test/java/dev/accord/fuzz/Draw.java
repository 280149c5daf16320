package dev.accord.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Every choice of a fuzz run, drawn from one seeded {@link Random}, so the whole run replays
 * from its seed.
 */
final class Draw {

    final Random random;

    Draw(long seed) {
        this.random = new Random(seed);
    }

    <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** {@code length} characters, each drawn from {@code alphabet} (code points, so emoji stay whole). */
    String string(int[] alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }
}
