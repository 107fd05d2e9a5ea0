package io.textclf.nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.backendkit.AgNewsMini;
import io.textclf.domain.backend.BackendSettings;
import io.textclf.domain.backend.ComputeBackend;
import io.textclf.domain.model.TrainableModel;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.GradientClipping;
import io.textclf.domain.train.LossOutput;
import io.textclf.domain.train.Optimizer;
import io.textclf.domain.train.OptimizerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over a long run: after warming up (JIT, allocator arenas), 20 more passes
 * over ag_news_mini (about 1,900 training steps and as many inference batches) must not grow the
 * process's resident memory by more than a few megabytes. An array left to the garbage collector on
 * every step (freed late by ND4J's collector-driven deallocation) shows as hundreds of megabytes since
 * the first step. The build runs tests with a fixed, pre-touched heap, so resident memory moves with
 * native memory only.
 */
class NativeMemoryTest {

    private static final int WARM_UP_PASSES = 10;
    private static final int PASSES = 20;
    /**
     * Growth allowed over the measured passes. A run without leaks grows by 1 to 3 MB on a quiet machine and
     * up to about 14 MB when other processes compete for the cores (allocator arenas of late threads); a
     * leak of one array per step grows by hundreds of megabytes.
     */
    private static final long ALLOWED_GROWTH_KB = 32 * 1024;
    /** Growth allowed from the first step to the end, warm-up (about 35 MB) included. */
    private static final long ALLOWED_TOTAL_KB = 80 * 1024;

    @Test
    void residentMemoryIsFlatOverManySteps() throws IOException {
        AgNewsMini data = AgNewsMini.get();
        ComputeBackend backend = new Nd4jBackend(BackendSettings.cpu());
        CrossEntropyLoss loss = new CrossEntropyLoss();
        try (TrainableModel model = backend.trainable(data.initial())) {
            Optimizer sgd = backend.optimizer(new OptimizerSpec.Sgd(), model);
            long start = residentKb();
            run(model, sgd, loss, data, WARM_UP_PASSES);
            long before = residentKb();
            run(model, sgd, loss, data, PASSES);
            long after = residentKb();
            assertTrue(after - before < ALLOWED_GROWTH_KB, "resident memory grew from " + before + " kB to " + after
                    + " kB over " + PASSES * data.batches() + " steps");
            assertTrue(after - start < ALLOWED_TOTAL_KB, "resident memory grew from " + start + " kB to " + after
                    + " kB since the first step");
        }
    }

    private static void run(TrainableModel model, Optimizer sgd, CrossEntropyLoss loss, AgNewsMini data,
                            int passes) {
        for (int step = 0; step < passes * data.batches(); step++) {
            LossOutput output = loss.compute(model.forward(data.batch(step)), data.labels(step), data.classes());
            model.backward(output.logitGradient());
            GradientClipping.clip(model, 0.1);
            sgd.step(0.5);
            model.logits(data.batch(step + 7));
        }
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
