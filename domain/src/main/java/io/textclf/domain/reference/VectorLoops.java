package io.textclf.domain.reference;

/**
 * The reference backend's inner loops over float arrays, written as simple counted loops over one
 * index so that HotSpot's C2 compiler turns them into SIMD instructions (AVX2 / AVX-512 where the
 * CPU has them). Each element is computed exactly as the scalar loop would: the results do not
 * depend on the vector width.
 */
final class VectorLoops {

    private VectorLoops() {
    }

    /** {@code target[t + i] += source[s + i]} for {@code i < length}. */
    static void add(float[] target, int t, float[] source, int s, int length) {
        for (int i = 0; i < length; i++) {
            target[t + i] += source[s + i];
        }
    }

    /** {@code target[t + i] += factor * source[s + i]} for {@code i < length}. */
    static void addScaled(float[] target, int t, float factor, float[] source, int s, int length) {
        for (int i = 0; i < length; i++) {
            target[t + i] += factor * source[s + i];
        }
    }

    /** {@code target[t + i] *= factor} for {@code i < length}. */
    static void scale(float[] target, int t, float factor, int length) {
        for (int i = 0; i < length; i++) {
            target[t + i] *= factor;
        }
    }

    /**
     * The sum of {@code values[i]^2} for {@code i < count}, in double precision over four
     * interleaved partial sums (independent chains the CPU overlaps), then added in a fixed order:
     * the same values always give the same sum.
     */
    static double sumOfSquares(float[] values, int count) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < count; i += 4) {
            double v0 = values[i];
            double v1 = values[i + 1];
            double v2 = values[i + 2];
            double v3 = values[i + 3];
            s0 += v0 * v0;
            s1 += v1 * v1;
            s2 += v2 * v2;
            s3 += v3 * v3;
        }
        for (; i < count; i++) {
            double v = values[i];
            s0 += v * v;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
