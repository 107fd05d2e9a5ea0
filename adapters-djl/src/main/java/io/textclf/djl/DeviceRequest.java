package io.textclf.djl;

import io.textclf.application.config.ConfigException;
import java.util.Locale;

/**
 * Where the user asked the DJL backend to compute: {@code cpu}, {@code cuda} (GPU 0), {@code cuda:N}
 * or {@code auto} (the first GPU when libtorch sees one, else the CPU).
 *
 * @param kind     which of the three
 * @param gpuIndex the GPU for {@link Kind#CUDA}, from 0; 0 otherwise
 * @param source   where the setting came from, for messages ("flag", "environment variable ...")
 */
record DeviceRequest(Kind kind, int gpuIndex, String source) {

    /** The device kinds a user can ask for. */
    enum Kind { CPU, CUDA, AUTO }

    DeviceRequest {
        if (gpuIndex < 0) {
            throw new IllegalArgumentException("GPU index must be at least 0, was " + gpuIndex);
        }
    }

    /**
     * Parses a {@code device} setting.
     *
     * @throws ConfigException when {@code value} is none of {@code cpu}, {@code cuda}, {@code cuda:N}, {@code auto}
     */
    static DeviceRequest parse(String value, String source) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "cpu" -> new DeviceRequest(Kind.CPU, 0, source);
            case "cuda", "gpu" -> new DeviceRequest(Kind.CUDA, 0, source);
            case "auto" -> new DeviceRequest(Kind.AUTO, 0, source);
            default -> {
                if (v.matches("cuda:\\d{1,4}")) {
                    yield new DeviceRequest(Kind.CUDA, Integer.parseInt(v.substring(5)), source);
                }
                throw new ConfigException("device '" + value + "' (from " + source
                        + ") is not one of cpu, cuda, cuda:N, auto");
            }
        };
    }

    /** How a user writes this request, e.g. {@code cuda:1}. */
    String spelled() {
        return switch (kind) {
            case CPU -> "cpu";
            case AUTO -> "auto";
            case CUDA -> gpuIndex == 0 ? "cuda" : "cuda:" + gpuIndex;
        };
    }
}
