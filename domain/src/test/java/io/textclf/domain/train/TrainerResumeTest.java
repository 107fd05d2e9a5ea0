package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.domain.data.EncodedCorpus;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.reference.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** Checkpoints, resuming, early stopping and the best model, on a small synthetic corpus. */
class TrainerResumeTest {

    private static final int VOCAB = 60;
    private static final int CLASSES = 4;
    private static final EncodedCorpus TRAIN = corpus(400, 11);
    private static final EncodedCorpus VALIDATION = corpus(80, 12);
    private static final StateDict INITIAL = new UniformInitializer(0.5, 3).initialize(new ModelDims(VOCAB, 8, CLASSES));

    @Test
    void resumingFromAnEpochOrMidEpochCheckpointGivesTheUninterruptedResult() {
        TrainingSettings[] recipes = {
            TrainingSettings.tutorial().withEpochs(6),
            TrainingSettings.tutorial().withEpochs(6).withLearningRate(0.05).withOptimizer(OptimizerSpec.Adam.defaults())
                    .withScheduler(new SchedulerSpec.Cosine(4, 0.001)),
            TrainingSettings.tutorial().withEpochs(6).withLearningRate(0.5)
                    .withOptimizer(new OptimizerSpec.SgdMomentum(0.9, 0, 1e-3, true))
                    .withScheduler(new SchedulerSpec.ReduceOnPlateau(0, 1e-4, 0, 0))
                    .withEarlyStopping(ValidationMetric.LOSS, 0, 0)};
        for (TrainingSettings settings : recipes) {
            List<TrainingState> checkpoints = new ArrayList<>();
            Trainer trainer = new Trainer(new ReferenceBackend(), new CrossEntropyLoss(), settings);
            Trainer.Result straight = trainer.train(TrainingState.start(INITIAL), TRAIN, VALIDATION,
                    TrainingListener.NONE, new TrainerOptions(true, 3, Optional.of(checkpoints::add)));
            TrainingState afterEpoch3 = checkpoints.stream()
                    .filter(s -> s.completedEpochs() == 3 && s.batchesDone() == 0).findFirst().orElseThrow();
            TrainingState midEpoch4 = checkpoints.stream()
                    .filter(s -> s.completedEpochs() == 3 && s.batchesDone() == 3).findFirst().orElseThrow();
            for (TrainingState checkpoint : List.of(afterEpoch3, midEpoch4)) {
                Trainer.Result resumed = trainer.train(checkpoint, TRAIN, VALIDATION, TrainingListener.NONE,
                        new TrainerOptions(true, 0, Optional.empty()));
                String what = settings.optimizer().describe() + " from " + checkpoint.completedEpochs() + " epochs + "
                        + checkpoint.batchesDone() + " batches";
                assertEquals(straight.parameters(), resumed.parameters(), what);
                assertEquals(straight.best(), resumed.best(), what);
                assertEquals(straight.bestEpoch(), resumed.bestEpoch(), what);
                assertEquals(withoutTimes(straight.epochs()), withoutTimes(resumed.epochs()), what);
            }
        }
    }

    @Test
    void checkpointsComeAfterEveryEpochAndEveryNBatches() {
        List<TrainingState> checkpoints = new ArrayList<>();
        new Trainer(new ReferenceBackend(), new CrossEntropyLoss(), TrainingSettings.tutorial().withEpochs(2))
                .train(TrainingState.start(INITIAL), TRAIN, VALIDATION, TrainingListener.NONE,
                        new TrainerOptions(false, 3, Optional.of(checkpoints::add)));
        // 400 rows in batches of 64: 7 steps per epoch; checkpoints after steps 3 and 6, then the epoch's end
        assertEquals(List.of("0+3", "0+6", "1+0", "1+3", "1+6", "2+0"),
                checkpoints.stream().map(s -> s.completedEpochs() + "+" + s.batchesDone()).toList());
        assertTrue(checkpoints.stream().allMatch(s -> s.bestParameters().isEmpty()), "best kept only when asked");
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndKeepsTheBestEpoch() {
        TrainingSettings settings = TrainingSettings.tutorial().withEpochs(40)
                .withEarlyStopping(ValidationMetric.LOSS, 2, 0.0);
        List<TrainingState> checkpoints = new ArrayList<>();
        Trainer.Result result = new Trainer(new ReferenceBackend(), new CrossEntropyLoss(), settings).train(
                TrainingState.start(INITIAL), TRAIN, VALIDATION, TrainingListener.NONE,
                new TrainerOptions(true, 0, Optional.of(checkpoints::add)));
        int trained = result.epochs().size();
        assertTrue(trained < 40, "stopped after " + trained + " epochs");
        assertTrue(result.stoppedEarly());
        assertTrue(result.stopReason().startsWith("validation loss did not improve by more than 0.0 for 2 epochs"),
                result.stopReason());
        assertEquals(trained - 2, result.bestEpoch());
        double bestLoss = result.epochs().stream().mapToDouble(EpochSummary::validationLoss).min().orElseThrow();
        assertEquals(bestLoss, result.epochs().get(result.bestEpoch() - 1).validationLoss());
        assertEquals(checkpoints.get(result.bestEpoch() - 1).parameters(), result.best().orElseThrow());
        assertFalse(result.best().orElseThrow().equals(result.parameters()));
    }

    @Test
    void earlyStoppingWithoutAValidationSplitIsRefused() {
        TrainingSettings settings = TrainingSettings.tutorial().withEarlyStopping(ValidationMetric.ACCURACY, 3, 0);
        EncodedCorpus none = new EncodedCorpus(new int[0][], new int[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(
                new ReferenceBackend(), new CrossEntropyLoss(), settings).train(INITIAL, TRAIN, none, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("need a validation split"), e.getMessage());
    }

    @Test
    void aStateFromALongerRunIsRefused() {
        List<TrainingState> checkpoints = new ArrayList<>();
        Trainer trainer = new Trainer(new ReferenceBackend(), new CrossEntropyLoss(), TrainingSettings.tutorial().withEpochs(2));
        trainer.train(TrainingState.start(INITIAL), TRAIN, VALIDATION, TrainingListener.NONE,
                new TrainerOptions(false, 0, Optional.of(checkpoints::add)));
        Trainer shorter = new Trainer(new ReferenceBackend(), new CrossEntropyLoss(), TrainingSettings.tutorial().withEpochs(1));
        assertThrows(IllegalArgumentException.class, () -> shorter.train(checkpoints.get(1), TRAIN, VALIDATION,
                TrainingListener.NONE, TrainerOptions.NONE));
    }

    private static List<EpochSummary> withoutTimes(List<EpochSummary> epochs) {
        return epochs.stream().map(e -> new EpochSummary(e.epoch(), e.trainLoss(), e.trainAccuracy(),
                e.validationAccuracy(), e.learningRate(), 0, e.validationLoss(), e.validationMacroF1())).toList();
    }

    /** Documents of 3 to 12 tokens; class c favours tokens 15c .. 15c + 14, with a third of the tokens random. */
    private static EncodedCorpus corpus(int size, long seed) {
        MersenneTwister random = new MersenneTwister(seed);
        int[][] documents = new int[size][];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(CLASSES);
            documents[i] = new int[3 + random.nextInt(10)];
            for (int t = 0; t < documents[i].length; t++) {
                documents[i][t] = random.nextInt(3) == 0 ? random.nextInt(VOCAB) : labels[i] * 15 + random.nextInt(15);
            }
        }
        return new EncodedCorpus(documents, labels);
    }
}
