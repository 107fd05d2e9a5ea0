package io.textclf.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The three tensors of the tutorial's model, by PyTorch's names, and the checks that make a usable one. */
class StateDictTest {

    private static Tensor tensor(float... values) {
        return new Tensor(new int[] {values.length / 2, 2}, values);
    }

    @Test
    void theFirstValueThatIsNotFiniteIsNamedWithItsTensorAndIndex() {
        Tensor bias = new Tensor(new int[] {2}, new float[] {0, 0});
        assertEquals(Optional.empty(), StateDict.of(tensor(1, 2, 3, 4), tensor(1, 2, 3, 4), bias).firstNonFinite());
        assertEquals(Optional.of("fc.weight holds NaN at index 3"),
                StateDict.of(tensor(1, 2, 3, 4), tensor(1, 2, 3, Float.NaN), bias).firstNonFinite());
        assertEquals(Optional.of("embedding.weight holds -Infinity at index 0"), StateDict.of(
                tensor(Float.NEGATIVE_INFINITY, 2, 3, 4), tensor(1, 2, 3, Float.NaN), bias).firstNonFinite());
    }

    @Test
    void weightsWhoseScoresWouldOverflowFloatAreNamed() {
        Tensor bias = new Tensor(new int[] {2}, new float[] {0, 0});
        assertEquals(Optional.empty(), StateDict.of(tensor(1e6f, 2, 3, 4), tensor(1e6f, 2, 3, 4), bias)
                .overflowingScores(), "large, as no trained model is, but far from float's end");
        float huge = 3e38f;
        assertEquals(Optional.of("scores could reach " + (float) (2.0 * huge * huge) + " (embedding values up to "
                        + huge + "), past 1.0E30"),
                StateDict.of(tensor(huge, huge, huge, huge), tensor(huge, huge, huge, huge), bias).overflowingScores());
        assertTrue(StateDict.of(tensor(1e31f, 0, 0, 0), tensor(0, 0, 0, 0), bias).overflowingScores().isPresent(),
                "a document's sum of such rows overflows before its mean is taken");
    }

    @Test
    void extraTensorsAreNamedAlone() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put(StateDict.EMBEDDING_WEIGHT, tensor(1, 2, 3, 4));
        tensors.put(StateDict.FC_WEIGHT, tensor(1, 2, 3, 4));
        tensors.put(StateDict.FC_BIAS, new Tensor(new int[] {2}, new float[2]));
        tensors.put("extra", new Tensor(new int[] {1}, new float[1]));
        assertEquals("unexpected parameters besides embedding.weight, fc.weight, fc.bias: [extra]",
                assertThrows(IllegalArgumentException.class, () -> new StateDict(tensors)).getMessage());
    }
}
