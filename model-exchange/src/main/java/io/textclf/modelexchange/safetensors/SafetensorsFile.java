package io.textclf.modelexchange.safetensors;

import io.textclf.domain.model.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a safetensors file holds, in the subset textclf reads and writes: float32 ({@code F32}) tensors by
 * name, and the free-form string metadata of the header's {@code __metadata__} entry.
 *
 * @param tensors  tensors by name, in file order
 * @param metadata the {@code __metadata__} strings, empty when the file has none
 */
public record SafetensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {

    public SafetensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
