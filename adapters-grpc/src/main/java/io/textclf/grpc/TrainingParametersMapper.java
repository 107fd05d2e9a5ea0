package io.textclf.grpc;

import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.SchedulerSpec;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.ValidationMetric;
import io.textclf.proto.v1.TrainingParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request's hyperparameters with {@code textclf train}'s names, defaults and rules: an absent
 * field takes the CLI's default (lr's depends on the optimizer), and a field that belongs to another
 * optimizer or scheduler than the chosen one is refused, as the CLI refuses its flag.
 */
final class TrainingParametersMapper {

    private static final TrainingSettings DEFAULTS = TrainingSettings.tutorial();
    private static final Map<String, Double> DEFAULT_LR = Map.of("sgd", DEFAULTS.learningRate(), "adagrad", 0.01,
            "adam", 0.001);

    private TrainingParametersMapper() {
    }

    /** @throws IllegalArgumentException naming the first value out of its range or out of place */
    static TrainingSettings toSettings(TrainingParameters p) {
        String optimizer = p.hasOptimizer() ? p.getOptimizer() : "sgd";
        String scheduler = p.hasScheduler() ? p.getScheduler() : "on-drop";
        int epochs = p.hasEpochs() ? p.getEpochs() : DEFAULTS.epochs();
        return new TrainingSettings(
                epochs,
                p.hasLr() ? p.getLr() : DEFAULT_LR.getOrDefault(optimizer, DEFAULTS.learningRate()),
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
                DEFAULTS.logInterval(),
                optimizer(optimizer, p),
                scheduler(scheduler, epochs, p),
                p.hasMonitor() ? ValidationMetric.fromLabel(p.getMonitor()) : DEFAULTS.monitor(),
                p.hasPatience() ? p.getPatience() : DEFAULTS.patience(),
                p.hasMinDelta() ? p.getMinDelta() : DEFAULTS.minDelta());
    }

    private static OptimizerSpec optimizer(String name, TrainingParameters p) {
        double weightDecay = p.hasWeightDecay() ? p.getWeightDecay() : 0;
        return switch (name) {
            case "sgd" -> {
                onlyFor("optimizer", name, p, "lr_decay", "initial_accumulator", "beta1", "beta2", "eps");
                double momentum = p.hasMomentum() ? p.getMomentum() : 0;
                double dampening = p.hasDampening() ? p.getDampening() : 0;
                boolean nesterov = p.hasNesterov() && p.getNesterov();
                yield momentum == 0 && dampening == 0 && weightDecay == 0 && !nesterov ? new OptimizerSpec.Sgd()
                        : new OptimizerSpec.SgdMomentum(momentum, dampening, weightDecay, nesterov);
            }
            case "adagrad" -> {
                onlyFor("optimizer", name, p, "momentum", "dampening", "nesterov", "beta1", "beta2");
                OptimizerSpec.Adagrad defaults = OptimizerSpec.Adagrad.defaults();
                yield new OptimizerSpec.Adagrad(p.hasLrDecay() ? p.getLrDecay() : defaults.lrDecay(), weightDecay,
                        p.hasInitialAccumulator() ? p.getInitialAccumulator() : defaults.initialAccumulatorValue(),
                        p.hasEps() ? p.getEps() : defaults.eps());
            }
            case "adam" -> {
                onlyFor("optimizer", name, p, "momentum", "dampening", "nesterov", "lr_decay", "initial_accumulator");
                OptimizerSpec.Adam defaults = OptimizerSpec.Adam.defaults();
                yield new OptimizerSpec.Adam(p.hasBeta1() ? p.getBeta1() : defaults.beta1(),
                        p.hasBeta2() ? p.getBeta2() : defaults.beta2(), p.hasEps() ? p.getEps() : defaults.eps(),
                        weightDecay);
            }
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "' (known: sgd, adagrad, adam)");
        };
    }

    private static SchedulerSpec scheduler(String name, int epochs, TrainingParameters p) {
        List<String> notFor = new ArrayList<>();
        if (!name.equals("cosine")) {
            notFor.addAll(List.of("t_max", "eta_min"));
        }
        if (!name.equals("warmup")) {
            notFor.addAll(List.of("warmup_start_factor", "warmup_epochs"));
        }
        if (!name.equals("plateau")) {
            notFor.addAll(List.of("plateau_patience", "plateau_threshold", "plateau_cooldown", "min_lr"));
        }
        onlyFor("scheduler", name, p, notFor.toArray(String[]::new));
        SchedulerSpec.ReduceOnPlateau plateau = SchedulerSpec.ReduceOnPlateau.defaults();
        return switch (name) {
            case "on-drop" -> new SchedulerSpec.OnValidationDrop();
            case "step" -> new SchedulerSpec.Step();
            case "exponential" -> new SchedulerSpec.Exponential();
            case "cosine" -> new SchedulerSpec.Cosine(p.hasTMax() ? p.getTMax() : epochs,
                    p.hasEtaMin() ? p.getEtaMin() : 0);
            case "warmup" -> new SchedulerSpec.LinearWarmup(
                    p.hasWarmupStartFactor() ? p.getWarmupStartFactor() : 1.0 / 3,
                    p.hasWarmupEpochs() ? p.getWarmupEpochs() : 5);
            case "plateau" -> new SchedulerSpec.ReduceOnPlateau(
                    p.hasPlateauPatience() ? p.getPlateauPatience() : plateau.patience(),
                    p.hasPlateauThreshold() ? p.getPlateauThreshold() : plateau.threshold(),
                    p.hasPlateauCooldown() ? p.getPlateauCooldown() : plateau.cooldown(),
                    p.hasMinLr() ? p.getMinLr() : plateau.minLr());
            default -> throw new IllegalArgumentException("unknown scheduler '" + name
                    + "' (known: on-drop, step, exponential, cosine, warmup, plateau)");
        };
    }

    /** Refuses any of {@code fields} that is set: they belong to another optimizer or scheduler. */
    private static void onlyFor(String kind, String chosen, TrainingParameters p, String... fields) {
        for (String field : fields) {
            if (p.hasField(TrainingParameters.getDescriptor().findFieldByName(field))) {
                throw new IllegalArgumentException("parameters." + field + " does not apply to " + kind + " " + chosen);
            }
        }
    }
}
