package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.OptimizerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that uses the domain as a library, in a JVM without {@code jdk.incubator.vector}, gets the plain
 * loops: it trains, and never loads a class of the Vector API or of the SIMD kernels (a child JVM that logs
 * every class it loads).
 */
class WithoutTheVectorModuleTest {

    @Test
    void aJvmWithoutTheModuleTrainsOnThePlainLoops(@TempDir Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                Library.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the run ended");
        String printed = Files.readString(out);
        assertEquals(0, process.exitValue(), printed);
        assertTrue(printed.contains("scalar kernels") && printed.contains("trained"), printed);
        List<String> vectorClasses = Files.readAllLines(log).stream()
                .filter(line -> line.contains("] jdk.incubator.vector.") || line.contains("SimdRowKernels")
                        || line.contains("WarmingKernels"))
                .toList();
        assertEquals(List.of(), vectorClasses);
    }

    /** The library user: a backend, a few training steps, the backend's description. */
    static final class Library {
        public static void main(String[] args) {
            ReferenceBackend backend = new ReferenceBackend();
            System.out.println(backend.describe());
            try (TrainableModel model = backend.trainable(new UniformInitializer(0.5, 1).initialize(
                    new ModelDims(100, 16, 3)))) {
                for (int step = 0; step < 5; step++) {
                    float[] logits = model.forward(TokenBatch.of(new int[] {1, 2, 3}, new int[] {4, 5}));
                    model.backward(new CrossEntropyLoss().compute(logits, new int[] {0, 2}, 3).logitGradient());
                    GradientClipping.clip(model, 0.1);
                    backend.optimizer(new OptimizerSpec.Sgd(), model).step(0.5);
                }
            }
            System.out.println("trained");
        }
    }
}
