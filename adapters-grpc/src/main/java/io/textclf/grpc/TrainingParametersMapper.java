package io.textclf.grpc;

import io.textclf.domain.train.TrainingSettings;
import io.textclf.proto.v1.TrainingParameters;

/** A request's hyperparameters, each absent one taking {@code textclf train}'s default. */
final class TrainingParametersMapper {

    private static final TrainingSettings DEFAULTS = TrainingSettings.tutorial();

    private TrainingParametersMapper() {
    }

    /** @throws IllegalArgumentException naming the first value out of its range */
    static TrainingSettings toSettings(TrainingParameters p) {
        return new TrainingSettings(
                p.hasEpochs() ? p.getEpochs() : DEFAULTS.epochs(),
                p.hasLr() ? p.getLr() : DEFAULTS.learningRate(),
                p.hasBatchSize() ? p.getBatchSize() : DEFAULTS.batchSize(),
                p.hasEmbedDim() ? p.getEmbedDim() : DEFAULTS.embeddingDim(),
                p.hasGamma() ? p.getGamma() : DEFAULTS.gamma(),
                p.hasStepSize() ? p.getStepSize() : DEFAULTS.stepSize(),
                p.hasClipNorm() ? p.getClipNorm() : DEFAULTS.clipNorm(),
                p.hasValidFraction() ? p.getValidFraction() : DEFAULTS.validationFraction(),
                p.hasSeed() ? p.getSeed() : DEFAULTS.seed(),
                p.hasInitRange() ? p.getInitRange() : DEFAULTS.initRange(),
                p.hasMinFreq() ? p.getMinFreq() : DEFAULTS.minFreq(),
                p.hasMaxTokens() ? p.getMaxTokens() : DEFAULTS.maxTokens(),
                DEFAULTS.logInterval());
    }
}
