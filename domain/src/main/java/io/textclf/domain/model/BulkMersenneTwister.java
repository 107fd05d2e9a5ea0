package io.textclf.domain.model;

/**
 * The doubles of commons-math3's {@code MersenneTwister(long seed).nextDouble()}, bit for bit, drawn
 * 624 words at a time: the state is twisted and tempered in two tight loops, and a double is then two
 * array reads, without commons-math's per-word call and bounds checks (about three times as fast, which
 * is most of the initialisation of a large embedding). MT19937 with the reference {@code init_by_array}
 * seeding of the seed's two 32-bit halves, as commons-math3 seeds it.
 */
final class BulkMersenneTwister {

    private static final int N = 624;
    private static final int M = 397;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7fffffff;
    private static final int MATRIX = 0x9908b0df;

    private final int[] state = new int[N];
    /** The tempered words of the current block; {@code next} is the first not yet used. */
    private final int[] words = new int[N];
    private int next = N;

    BulkMersenneTwister(long seed) {
        seedByArray(new int[] {(int) (seed >>> 32), (int) seed});
    }

    /** The next double in [0, 1), from the next two words: their upper 26 bits as the high and low halves. */
    double nextDouble() {
        if (next == N) {
            refill();
        }
        long high = (long) (words[next] >>> 6) << 26;
        int low = words[next + 1] >>> 6;
        next += 2;
        return (high | low) * 0x1.0p-52d;
    }

    private void seedByInt(int seed) {
        long value = seed;
        state[0] = seed;
        for (int i = 1; i < N; i++) {
            value = (1812433253L * (value ^ (value >> 30)) + i) & 0xffffffffL;
            state[i] = (int) value;
        }
    }

    private void seedByArray(int[] key) {
        seedByInt(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k != 0; k--) {
            long value = (unsigned(state[i]) ^ ((unsigned(state[i - 1]) ^ (unsigned(state[i - 1]) >> 30)) * 1664525L))
                    + key[j] + j;
            state[i] = (int) value;
            i++;
            j++;
            if (i >= N) {
                state[0] = state[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k != 0; k--) {
            long value = (unsigned(state[i]) ^ ((unsigned(state[i - 1]) ^ (unsigned(state[i - 1]) >> 30)) * 1566083941L))
                    - i;
            state[i] = (int) value;
            i++;
            if (i >= N) {
                state[0] = state[N - 1];
                i = 1;
            }
        }
        state[0] = UPPER;
    }

    private static long unsigned(int value) {
        return value & 0xffffffffL;
    }

    /** The next 624 words: the state twisted once, each word then tempered. */
    private void refill() {
        for (int k = 0; k < N - M; k++) {
            state[k] = state[k + M] ^ mix(state[k], state[k + 1]);
        }
        for (int k = N - M; k < N - 1; k++) {
            state[k] = state[k + M - N] ^ mix(state[k], state[k + 1]);
        }
        state[N - 1] = state[M - 1] ^ mix(state[N - 1], state[0]);
        for (int k = 0; k < N; k++) {
            int y = state[k];
            y ^= y >>> 11;
            y ^= (y << 7) & 0x9d2c5680;
            y ^= (y << 15) & 0xefc60000;
            y ^= y >>> 18;
            words[k] = y;
        }
        next = 0;
    }

    private static int mix(int current, int following) {
        int y = (current & UPPER) | (following & LOWER);
        return (y >>> 1) ^ (-(y & 1) & MATRIX);
    }
}
