package io.textclf.spark.model;

import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensors in a form Spark can ship (Java-serializable): model parameters by {@code state_dict}
 * name, or optimizer buffers by {@code <parameter>.<buffer>} name. Row-major values, in a stable order.
 *
 * @param names  tensor names, in order
 * @param shapes the shape of each tensor
 * @param values the values of each tensor, row-major, {@code product(shape)} long
 */
public record PortableTensors(String[] names, int[][] shapes, float[][] values) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final PortableTensors EMPTY = new PortableTensors(new String[0], new int[0][], new float[0][]);

    public PortableTensors {
        if (names.length != shapes.length || names.length != values.length) {
            throw new IllegalArgumentException(names.length + " names, " + shapes.length + " shapes and "
                    + values.length + " value arrays");
        }
    }

    public static PortableTensors of(Map<String, Tensor> tensors) {
        int n = tensors.size();
        String[] names = new String[n];
        int[][] shapes = new int[n][];
        float[][] values = new float[n][];
        int i = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            names[i] = entry.getKey();
            shapes[i] = entry.getValue().shape();
            values[i] = entry.getValue().values();
            i++;
        }
        return new PortableTensors(names, shapes, values);
    }

    public static PortableTensors of(StateDict parameters) {
        return of(parameters.tensors());
    }

    public Map<String, Tensor> toMap() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            tensors.put(names[i], new Tensor(shapes[i], values[i]));
        }
        return tensors;
    }

    public StateDict toStateDict() {
        return new StateDict(toMap());
    }

    public int count() {
        return names.length;
    }

    /** Total number of values over all tensors. */
    public long size() {
        long total = 0;
        for (float[] v : values) {
            total += v.length;
        }
        return total;
    }
}
