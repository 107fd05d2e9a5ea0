package io.textclf.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
