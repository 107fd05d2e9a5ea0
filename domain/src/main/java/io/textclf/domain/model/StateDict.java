package io.textclf.domain.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model's parameters by PyTorch {@code state_dict} name, so that a trained model means the same
 * thing in every backend and in PyTorch itself.
 *
 * <p>Always holds exactly {@value #EMBEDDING_WEIGHT} {@code [V, D]}, {@value #FC_WEIGHT} {@code [C, D]}
 * and {@value #FC_BIAS} {@code [C]}, in that order.
 */
public record StateDict(Map<String, Tensor> tensors) {

    public static final String EMBEDDING_WEIGHT = "embedding.weight";
    public static final String FC_WEIGHT = "fc.weight";
    public static final String FC_BIAS = "fc.bias";

    public StateDict {
        Tensor embedding = require(tensors, EMBEDDING_WEIGHT, 2);
        Tensor fcWeight = require(tensors, FC_WEIGHT, 2);
        Tensor fcBias = require(tensors, FC_BIAS, 1);
        if (tensors.size() != 3) {
            throw new IllegalArgumentException("unexpected parameters besides " + EMBEDDING_WEIGHT + ", "
                    + FC_WEIGHT + ", " + FC_BIAS + ": " + tensors.keySet().stream()
                    .filter(name -> !name.equals(EMBEDDING_WEIGHT) && !name.equals(FC_WEIGHT) && !name.equals(FC_BIAS))
                    .sorted().toList());
        }
        if (embedding.shape()[1] != fcWeight.shape()[1] || fcWeight.shape()[0] != fcBias.shape()[0]) {
            throw new IllegalArgumentException("inconsistent shapes: " + EMBEDDING_WEIGHT
                    + Arrays.toString(embedding.shape()) + ", " + FC_WEIGHT + Arrays.toString(fcWeight.shape())
                    + ", " + FC_BIAS + Arrays.toString(fcBias.shape()));
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        ordered.put(EMBEDDING_WEIGHT, embedding);
        ordered.put(FC_WEIGHT, fcWeight);
        ordered.put(FC_BIAS, fcBias);
        tensors = java.util.Collections.unmodifiableMap(ordered);
    }

    /**
     * The first value that is NaN or infinite, as {@code "fc.weight holds NaN at index 0"}: such weights make every
     * prediction NaN. Empty when every value is finite.
     */
    public Optional<String> firstNonFinite() {
        for (Map.Entry<String, Tensor> tensor : tensors.entrySet()) {
            Tensor values = tensor.getValue();
            for (int i = 0; i < values.size(); i++) {
                if (!Float.isFinite(values.valueAt(i))) {
                    return Optional.of(tensor.getKey() + " holds " + values.valueAt(i) + " at index " + i);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The largest score magnitude a usable model may reach: float32 ends at 3.4e38, and a document's sum of embedding
     * rows needs room beyond its mean. No trained model comes near (their scores stay within a few thousand).
     */
    public static final double LARGEST_SCORE = 1e30;

    /**
     * Why the scores of this model (an {@code EmbeddingBag} + {@code Linear} state dict) could overflow float32, as
     * {@code "scores could reach 3.1E77 (embedding values up to 3.0E38), past 1.0E30"}: every prediction would then be
     * NaN. The bound is the largest {@code |bias| + sum |fc.weight row| x max |embedding value|}. Empty when the
     * scores stay within {@link #LARGEST_SCORE}, or when this is no such state dict.
     */
    public Optional<String> overflowingScores() {
        if (!tensors.keySet().containsAll(List.of(EMBEDDING_WEIGHT, FC_WEIGHT, FC_BIAS))) {
            return Optional.empty();
        }
        Tensor embedding = tensors.get(EMBEDDING_WEIGHT);
        Tensor weight = tensors.get(FC_WEIGHT);
        Tensor bias = tensors.get(FC_BIAS);
        double largestEmbedding = 0;
        for (int i = 0; i < embedding.size(); i++) {
            largestEmbedding = Math.max(largestEmbedding, Math.abs(embedding.valueAt(i)));
        }
        int classes = bias.size();
        int dim = classes == 0 ? 0 : weight.size() / classes;
        double bound = largestEmbedding;
        for (int c = 0; c < classes; c++) {
            double row = 0;
            for (int k = 0; k < dim; k++) {
                row += Math.abs(weight.valueAt(c * dim + k));
            }
            bound = Math.max(bound, Math.abs(bias.valueAt(c)) + row * largestEmbedding);
        }
        return bound > LARGEST_SCORE ? Optional.of("scores could reach " + (float) bound + " (embedding values up to "
                + (float) largestEmbedding + "), past " + (float) LARGEST_SCORE) : Optional.empty();
    }

    public static StateDict of(Tensor embeddingWeight, Tensor fcWeight, Tensor fcBias) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        map.put(EMBEDDING_WEIGHT, embeddingWeight);
        map.put(FC_WEIGHT, fcWeight);
        map.put(FC_BIAS, fcBias);
        return new StateDict(map);
    }

    public Tensor get(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return tensor;
    }

    public ModelDims dims() {
        return ModelDims.of(this);
    }

    /** The largest absolute difference between matching values of two state dicts of the same shapes. */
    public double maxAbsDifference(StateDict other) {
        double max = 0;
        for (String name : tensors.keySet()) {
            Tensor a = get(name);
            Tensor b = other.get(name);
            if (!Arrays.equals(a.shape(), b.shape())) {
                throw new IllegalArgumentException(name + " shapes differ");
            }
            for (int i = 0; i < a.size(); i++) {
                max = Math.max(max, Math.abs(a.valueAt(i) - b.valueAt(i)));
            }
        }
        return max;
    }

    private static Tensor require(Map<String, Tensor> tensors, String name, int rank) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("missing parameter " + name);
        }
        if (tensor.shape().length != rank) {
            throw new IllegalArgumentException(name + " must have rank " + rank + ", has shape "
                    + Arrays.toString(tensor.shape()));
        }
        return tensor;
    }
}
