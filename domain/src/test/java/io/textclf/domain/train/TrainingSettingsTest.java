package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The defaults are the tutorial's hyperparameters, value by value. */
class TrainingSettingsTest {

    @Test
    void theDefaultsAreTheTutorials() {
        TrainingSettings tutorial = TrainingSettings.tutorial();
        assertEquals(10, tutorial.epochs(), "EPOCHS = 10");
        assertEquals(5.0, tutorial.learningRate(), "LR = 5");
        assertEquals(64, tutorial.batchSize(), "BATCH_SIZE = 64");
        assertEquals(64, tutorial.embeddingDim(), "emsize = 64");
        assertEquals(0.1, tutorial.gamma(), "StepLR(optimizer, 1.0, gamma=0.1)");
        assertEquals(1, tutorial.stepSize(), "StepLR(optimizer, 1.0, ...)");
        assertEquals(0.1, tutorial.clipNorm(), "clip_grad_norm_(model.parameters(), 0.1)");
        assertEquals(0.05, tutorial.validationFraction(), "num_train = int(len(train_dataset) * 0.95)");
        assertEquals(0.5, tutorial.initRange(), "initrange = 0.5");
        assertEquals(1, tutorial.minFreq(), "build_vocab_from_iterator's min_freq default");
        assertEquals(0, tutorial.maxTokens(), "no max_tokens");
        assertEquals(500, tutorial.logInterval(), "log_interval = 500");
        assertEquals(new OptimizerSpec.Sgd(), tutorial.optimizer(), "torch.optim.SGD(model.parameters(), lr=LR)");
        assertEquals(new SchedulerSpec.OnValidationDrop(), tutorial.scheduler(), "scheduler.step() when accuracy drops");
        assertEquals(ValidationMetric.ACCURACY, tutorial.monitor());
        assertEquals(0, tutorial.patience(), "no early stopping");
    }
}
