package io.jgrad.core;

/**
 * A seedable random number generator (xoshiro256**), so that every random op — initialisation,
 * dropout, shuffling — is reproducible. Its full state can be saved and restored (training
 * checkpoints resume with the same random stream).
 *
 * <p>Not thread-safe: give each thread its own generator.
 */
public final class Generator {
    private static final Generator DEFAULT = new Generator(System.nanoTime());

    private long s0, s1, s2, s3;
    private double spareGaussian;
    private boolean hasSpare;
    private long seed;

    /** A generator seeded with {@code seed}. */
    public Generator(long seed) {
        manualSeed(seed);
    }

    /** The process-wide generator used when no generator is passed. */
    public static Generator defaultGenerator() {
        return DEFAULT;
    }

    /** Re-seeds; the same seed always gives the same stream. Returns this. */
    public Generator manualSeed(long seed) {
        this.seed = seed;
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
        hasSpare = false;
        return this;
    }

    /** The seed last given. */
    public long initialSeed() {
        return seed;
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64 uniformly random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public long nextLong(long bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        long m = bound - 1;
        long r = nextLong() >>> 1;
        if ((bound & m) == 0) return r & m;
        for (long u = r; u - (r = u % bound) + m < 0; u = nextLong() >>> 1) { }
        return r;
    }

    /** Standard normal sample (Marsaglia's polar method). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }

    /** The full state, for checkpoints. */
    public long[] getState() {
        return new long[] {s0, s1, s2, s3, hasSpare ? 1 : 0, Double.doubleToRawLongBits(spareGaussian), seed};
    }

    /** Restores a state from {@link #getState()}. */
    public void setState(long[] state) {
        if (state.length != 7) throw new IllegalArgumentException("Generator.setState: expected 7 longs, got " + state.length);
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        hasSpare = state[4] != 0;
        spareGaussian = Double.longBitsToDouble(state[5]);
        seed = state[6];
    }
}
