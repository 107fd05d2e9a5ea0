package io.textclf.domain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

class UniformInitializerTest {

    private static final ModelDims SMALL = new ModelDims(7, 4, 3);
    private static final UniformInitializer TUTORIAL = new UniformInitializer(UniformInitializer.TUTORIAL_RANGE, 1);

    @Test
    void sameSeedGivesIdenticalParameters() {
        assertEquals(TUTORIAL.initialize(SMALL), new UniformInitializer(0.5, 1).initialize(SMALL));
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        StateDict one = TUTORIAL.initialize(SMALL);
        StateDict two = new UniformInitializer(0.5, 2).initialize(SMALL);
        assertNotEquals(one.get(StateDict.EMBEDDING_WEIGHT), two.get(StateDict.EMBEDDING_WEIGHT));
        assertNotEquals(one.get(StateDict.FC_WEIGHT), two.get(StateDict.FC_WEIGHT));
    }

    @Test
    void shapesFollowTheStateDictNames() {
        StateDict parameters = TUTORIAL.initialize(SMALL);
        assertEquals(List.of(StateDict.EMBEDDING_WEIGHT, StateDict.FC_WEIGHT, StateDict.FC_BIAS),
                List.copyOf(parameters.tensors().keySet()));
        assertArrayEquals(new int[] {7, 4}, parameters.get(StateDict.EMBEDDING_WEIGHT).shape());
        assertArrayEquals(new int[] {3, 4}, parameters.get(StateDict.FC_WEIGHT).shape());
        assertArrayEquals(new int[] {3}, parameters.get(StateDict.FC_BIAS).shape());
        assertEquals(SMALL, parameters.dims());
    }

    @Test
    void biasStartsAtZero() {
        assertArrayEquals(new float[3], TUTORIAL.initialize(SMALL).get(StateDict.FC_BIAS).values());
    }

    @Test
    void valuesAreUniformOnTheHalfOpenRange() {
        StateDict parameters = TUTORIAL.initialize(new ModelDims(1000, 100, 4));
        DescriptiveStatistics statistics = new DescriptiveStatistics();
        for (String name : List.of(StateDict.EMBEDDING_WEIGHT, StateDict.FC_WEIGHT)) {
            for (float value : parameters.get(name).values()) {
                assertTrue(value >= -0.5f && value < 0.5f, name + " value " + value + " outside [-0.5, 0.5)");
                statistics.addValue(value);
            }
        }
        // 100,400 draws: the standard error of the mean is sqrt(1/12 / n) ~ 0.0009.
        assertEquals(0, statistics.getMean(), 0.004);
        assertEquals(1.0 / 12, statistics.getVariance(), 0.001);
        assertTrue(statistics.getMin() < -0.499 && statistics.getMax() > 0.499, "the draws must span the range");
    }

    @Test
    void rangeScalesTheDraws() {
        StateDict parameters = new UniformInitializer(0.1, 3).initialize(new ModelDims(200, 10, 2));
        DescriptiveStatistics statistics = new DescriptiveStatistics(parameters.get(StateDict.EMBEDDING_WEIGHT).values().length);
        for (float value : parameters.get(StateDict.EMBEDDING_WEIGHT).values()) {
            assertTrue(value >= -0.1f && value < 0.1f, "value " + value + " outside [-0.1, 0.1)");
            statistics.addValue(value);
        }
        assertEquals(0.04 / 12, statistics.getVariance(), 0.0004);
    }

    @Test
    void drawsTheEmbeddingThenFcRowByRowFromAMersenneTwister() {
        StateDict parameters = new UniformInitializer(0.5, 99).initialize(SMALL);
        MersenneTwister random = new MersenneTwister(99L);
        for (String name : List.of(StateDict.EMBEDDING_WEIGHT, StateDict.FC_WEIGHT)) {
            Tensor tensor = parameters.get(name);
            for (int i = 0; i < tensor.size(); i++) {
                assertEquals((float) ((random.nextDouble() * 2 - 1) * 0.5), tensor.valueAt(i), name + "[" + i + "]");
            }
        }
    }

    @Test
    void rejectsRangesThatAreNotPositiveAndFinite() {
        for (double range : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new UniformInitializer(range, 1), "range " + range);
        }
    }
}
