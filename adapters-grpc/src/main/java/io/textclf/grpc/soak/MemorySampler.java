package io.textclf.grpc.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The process's resident memory (Linux {@code /proc/self/status} VmRSS) and the Java heap. */
final class MemorySampler {

    private static final Path STATUS = Path.of("/proc/self/status");

    private MemorySampler() {
    }

    static Soak.MemorySample sample(double seconds) {
        return new Soak.MemorySample(seconds, residentBytes(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), heapAfterLastCollection());
    }

    /** VmRSS in bytes; -1 where there is no {@code /proc} (not Linux). */
    static long residentBytes() {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use right after the last collection of each pool: the live data, without garbage. */
    private static long heapAfterLastCollection() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                total += afterGc.getUsed();
            }
        }
        return total;
    }
}
