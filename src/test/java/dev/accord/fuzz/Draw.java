package dev.accord.fuzz;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * jqwik's generators driven by one seeded {@link Random}: jqwik's engine cannot host a
 * {@code @QuarkusTest}, so its arbitraries are used as plain generators and the whole run
 * replays from its seed.
 */
final class Draw {

    private static final int GENERATION_SIZE = 1000;

    final Random random;
    private final Map<Arbitrary<?>, RandomGenerator<?>> generators = new IdentityHashMap<>();

    Draw(long seed) {
        this.random = new Random(seed);
    }

    @SuppressWarnings("unchecked")
    <T> T from(Arbitrary<T> arbitrary) {
        RandomGenerator<T> generator = (RandomGenerator<T>) generators
                .computeIfAbsent(arbitrary, a -> a.generator(GENERATION_SIZE, true));
        return generator.next(random).value();
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
}
