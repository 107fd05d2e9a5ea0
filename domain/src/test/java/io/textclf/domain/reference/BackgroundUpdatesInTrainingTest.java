package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.data.RandomSplit;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.train.CrossEntropyLoss;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingListener;
import io.textclf.domain.train.TrainingSettings;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The training loop with the embedding update in the background (batches prepared ahead, the next batch's rows as a
 * hint, evaluations between epochs) trains to the same bits and the same epoch figures as with the update in line.
 */
class BackgroundUpdatesInTrainingTest {

    private static final ModelDims DIMS = new ModelDims(3_000, 16, 4);
    /** 4 epochs, lr 5, batches of 16, gamma 0.1, step size 1, clip 0.1, a tenth held out. */
    private static final TrainingSettings SETTINGS =
            new TrainingSettings(4, 5.0, 16, DIMS.embeddingDim(), 0.1, 1, 0.1, 0.1, 3, 0.5, 1, 0, 10);

    @Test
    void sameParametersAndEpochsWithTheUpdateInTheBackground() {
        EncodedCorpus[] split = new RandomSplit(SETTINGS.validationFraction(), SETTINGS.seed()).split(corpus(1_200));
        StateDict initial = new UniformInitializer(0.5, SETTINGS.seed()).initialize(DIMS);
        AtomicBoolean updateThreadSeen = new AtomicBoolean();
        TrainingListener watcher = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochSummary summary) {
                updateThreadSeen.compareAndSet(false, Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(thread -> thread.getName().equals("textclf-row-updates") && thread.isAlive()));
            }
        };
        Trainer.Result inLine = new Trainer(new ReferenceBackend(RowKernels.BEST, Long.MAX_VALUE, 0),
                new CrossEntropyLoss(), SETTINGS).train(initial, split[0], split[1], TrainingListener.NONE);
        Trainer.Result inBackground = new Trainer(new ReferenceBackend(RowKernels.BEST, 0, 0), new CrossEntropyLoss(),
                SETTINGS).train(initial, split[0], split[1], watcher);

        assertTrue(updateThreadSeen.get(), "the update thread ran");
        for (String name : new String[] {StateDict.EMBEDDING_WEIGHT, StateDict.FC_WEIGHT, StateDict.FC_BIAS}) {
            assertArrayEquals(inLine.parameters().get(name).values(), inBackground.parameters().get(name).values(),
                    name);
        }
        assertEquals(inLine.epochs().size(), inBackground.epochs().size());
        for (int e = 0; e < inLine.epochs().size(); e++) {
            EpochSummary expected = inLine.epochs().get(e);
            EpochSummary actual = inBackground.epochs().get(e);
            String epoch = "epoch " + (e + 1);
            assertEquals(expected.trainLoss(), actual.trainLoss(), 0, epoch + " loss");
            assertEquals(expected.trainAccuracy(), actual.trainAccuracy(), 0, epoch + " accuracy");
            assertEquals(expected.validationLoss(), actual.validationLoss(), 0, epoch + " validation loss");
            assertEquals(expected.learningRate(), actual.learningRate(), 0, epoch + " learning rate");
        }
        assertTrue(inLine.epochs().get(SETTINGS.epochs() - 1).validationAccuracy() > 0.6, "it learns");
    }

    /** Label {@code i % 4}; tokens of the label's own range mixed with shared ones, 5-60 a document. */
    private static EncodedCorpus corpus(int rows) {
        Random random = new Random(17);
        int[][] documents = new int[rows][];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % DIMS.numClasses();
            documents[i] = new int[5 + random.nextInt(56)];
            for (int t = 0; t < documents[i].length; t++) {
                documents[i][t] = random.nextBoolean() ? labels[i] * 500 + random.nextInt(500)
                        : 2_000 + random.nextInt(1_000);
            }
        }
        return new EncodedCorpus(documents, labels);
    }
}
