package io.textclf.domain.backend;

import java.util.Locale;

/**
 * Where a backend computes, as a user asks for it: {@code cpu}, {@code cuda} (GPU 0), {@code cuda:N}
 * or {@code auto} (a GPU when the backend sees one, else the CPU). Parsed once, by {@link #parse};
 * every backend refuses a device it lacks with {@link BackendException#deviceUnavailable}.
 */
public sealed interface Device permits Device.Cpu, Device.Cuda, Device.Auto {

    /** The spellings {@link #parse} accepts, for messages. */
    String SPELLINGS = "cpu, cuda, cuda:N or auto";

    /** The CPU. */
    record Cpu() implements Device {
        @Override
        public String spelled() {
            return "cpu";
        }
    }

    /**
     * A CUDA GPU.
     *
     * @param index the GPU's index, from 0
     */
    record Cuda(int index) implements Device {
        /** @throws IllegalArgumentException when the index is negative */
        public Cuda {
            if (index < 0) {
                throw new IllegalArgumentException("a GPU index is at least 0, was " + index);
            }
        }

        @Override
        public String spelled() {
            return index == 0 ? "cuda" : "cuda:" + index;
        }
    }

    /** A GPU when the backend has one, else the CPU. */
    record Auto() implements Device {
        @Override
        public String spelled() {
            return "auto";
        }
    }

    /** How a user writes this device, e.g. {@code cuda:1}; {@link #parse} reads it back. */
    String spelled();

    /**
     * Reads a device as a user writes it, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the value and the accepted spellings when it is none of them
     */
    static Device parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "cpu":
                return new Cpu();
            case "cuda":
            case "cuda:0":
                return new Cuda(0);
            case "auto":
                return new Auto();
            default:
                if (value.matches("cuda:\\d{1,4}")) {
                    return new Cuda(Integer.parseInt(value.substring("cuda:".length())));
                }
                throw new IllegalArgumentException("unknown device '" + text + "': expected " + SPELLINGS);
        }
    }
}
