package io.cernvm.testkit.quicktheories;

import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Adapts the testkit's seeded generators to QuickTheories: a {@link RandomGenerator} whose
 * every bounded draw is one QuickTheories draw, shrinking towards the lower bound. So a
 * failing generated document shrinks draw by draw into the simplest failing one. Lives in the
 * testkit's test jar, so no published module has to require QuickTheories.
 */
public final class ShrinkingRandom implements RandomGenerator {

    private final RandomnessSource source;

    private ShrinkingRandom(RandomnessSource source) {
        this.source = source;
    }

    /**
     * @param generator a testkit generator, e.g. {@code UcernvmBlocks::wellFormed}
     * @param <T>       what it generates
     * @return the same generator as a QuickTheories {@link Gen}
     */
    public static <T> Gen<T> gen(Function<RandomGenerator, T> generator) {
        return in -> generator.apply(new ShrinkingRandom(in));
    }

    @Override
    public long nextLong() {
        return source.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE).withShrinkPoint(0));
    }

    @Override
    public int nextInt() {
        return (int) source.next(Constraint.between(Integer.MIN_VALUE, Integer.MAX_VALUE).withShrinkPoint(0));
    }

    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return (int) source.next(Constraint.between(0, bound - 1L));
    }

    @Override
    public int nextInt(int origin, int bound) {
        if (origin >= bound) {
            throw new IllegalArgumentException("origin must be below bound");
        }
        return (int) source.next(Constraint.between(origin, bound - 1L));
    }

    @Override
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return source.next(Constraint.between(0, bound - 1));
    }

    @Override
    public boolean nextBoolean() {
        return source.next(Constraint.between(0, 1)) == 1;
    }
}
