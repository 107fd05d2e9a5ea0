package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** {@code --threads N}: Hogwild SGD on parameters shared by the workers. */
class HogwildTrainingTest {

    private static final ModelDims DIMS = new ModelDims(40, 8, 4);
    private static final TrainingSettings SETTINGS =
            new TrainingSettings(4, 5.0, 8, 8, 0.1, 1, 0.1, 0.2, 3, 0.5, 1, 0, 1);

    private final ReferenceBackend backend = new ReferenceBackend();
    private final EncodedCorpus[] split = new RandomSplit(SETTINGS.validationFraction(), SETTINGS.seed())
            .split(corpus(800));
    private final StateDict initial = new UniformInitializer(0.5, SETTINGS.seed()).initialize(DIMS);

    @Test
    void twoThreadsLearnAsOneDoesAndReportEveryBatchOnce() {
        List<BatchProgress> batches = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress progress) {
                batches.add(progress);
            }
        };
        Trainer.Result parallel = new Trainer(backend, new CrossEntropyLoss(), SETTINGS).train(
                TrainingState.start(initial), split[0], split[1], listener,
                new TrainerOptions(false, 0, Optional.empty(), 2));
        Trainer.Result single = new Trainer(backend, new CrossEntropyLoss(), SETTINGS).train(initial, split[0],
                split[1], TrainingListener.NONE);

        int perEpoch = (split[0].size() + 7) / 8;
        assertEquals(4 * perEpoch, batches.size());
        for (int i = 0; i < batches.size(); i++) {
            assertEquals(i % perEpoch + 1, batches.get(i).batch(), "steps are numbered in the order they finish");
        }
        assertEquals(split[0].size(), batches.get(perEpoch - 1).examplesSeen(), "every row trained once per epoch");
        assertTrue(batches.get(batches.size() - 1).wordsPerSecondPerThread() > 0);
        double parallelAccuracy = parallel.epochs().get(3).validationAccuracy();
        double singleAccuracy = single.epochs().get(3).validationAccuracy();
        assertTrue(singleAccuracy > 0.9, "the task is learnable: " + singleAccuracy);
        assertTrue(parallelAccuracy > singleAccuracy - 0.05, parallelAccuracy + " against " + singleAccuracy);
    }

    @Test
    void refusesOptimizersWithStateAndCheckpointsWithinAnEpoch() {
        TrainingSettings adam = SETTINGS.withOptimizer(OptimizerSpec.Adam.defaults());
        InvalidSettingException stateful = assertThrows(InvalidSettingException.class,
                () -> new Trainer(backend, new CrossEntropyLoss(), adam).train(TrainingState.start(initial), split[0],
                        split[1], TrainingListener.NONE, new TrainerOptions(false, 0, Optional.empty(), 2)));
        assertEquals("threads", stateful.setting());
        assertTrue(stateful.problem().startsWith("2 needs plain sgd"), stateful.getMessage());
        Trainer.requireThreadsSupported(adam.optimizer(), 1);
        Trainer.requireThreadsSupported(SETTINGS.optimizer(), 8);
        assertThrows(IllegalArgumentException.class, () -> new TrainerOptions(false, 5, Optional.of(state -> { }), 2));
    }

    /** Each label owns ten tokens; a document holds three of its label's tokens and two shared ones. */
    private static EncodedCorpus corpus(int rows) {
        MersenneTwister random = new MersenneTwister(9L);
        int[][] documents = new int[rows][];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % 4;
            documents[i] = new int[] {labels[i] * 9 + random.nextInt(9), 36 + random.nextInt(4),
                labels[i] * 9 + random.nextInt(9), 36 + random.nextInt(4), labels[i] * 9 + random.nextInt(9)};
        }
        return new EncodedCorpus(documents, labels);
    }
}
