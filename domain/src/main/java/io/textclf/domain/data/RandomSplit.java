package io.textclf.domain.data;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The tutorial's {@code random_split(train_dataset, [num_train, len - num_train])} with
 * {@code num_train = int(len * (1 - validationFraction))}: a seeded random permutation whose first
 * {@code num_train} rows train and whose rest validate.
 */
public record RandomSplit(double validationFraction, long seed) {

    public RandomSplit {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), was " + validationFraction);
        }
    }

    /** The two parts of {@code corpus}: index 0 trains, index 1 validates. */
    public EncodedCorpus[] split(EncodedCorpus corpus) {
        int[] permutation = permutation(corpus.size(), new MersenneTwister(seed));
        int trainSize = (int) (corpus.size() * (1 - validationFraction));
        int[] train = java.util.Arrays.copyOfRange(permutation, 0, trainSize);
        int[] validation = java.util.Arrays.copyOfRange(permutation, trainSize, permutation.length);
        return new EncodedCorpus[] {corpus.select(train), corpus.select(validation)};
    }

    /** A uniformly random permutation of {@code 0 .. n-1} (Fisher-Yates). */
    public static int[] permutation(int n, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
