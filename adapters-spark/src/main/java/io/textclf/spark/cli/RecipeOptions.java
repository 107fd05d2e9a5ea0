package io.textclf.spark.cli;

import io.textclf.domain.model.RunSetting;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.SchedulerSpec;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.ValidationMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The dataset and hyperparameter flags of {@code textclf train}, with the same names and defaults
 * (the tutorial's recipe), resolved to {@link TrainingSettings}; the corpus flags are {@link CorpusOptions}.
 */
final class RecipeOptions {

    private static final TrainingSettings TUTORIAL = TrainingSettings.tutorial();

    @Mixin
    CorpusOptions corpus;

    @Option(names = "--epochs", description = "Epochs (default: 10).")
    int epochs = TUTORIAL.epochs();

    @Option(names = "--lr", description = "Learning rate (default: 5 for sgd, 0.01 for adagrad, 0.001 for adam).")
    Double learningRate;

    @Option(names = "--batch-size", description = "Documents per step of each replica (default: 64).")
    int batchSize = TUTORIAL.batchSize();

    @Option(names = "--embed-dim", description = "Embedding dimension (default: 64).")
    int embeddingDim = TUTORIAL.embeddingDim();

    @Option(names = "--clip-norm", description = "Max total gradient L2 norm of each step (default: 0.1).")
    double clipNorm = TUTORIAL.clipNorm();

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, adagrad or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--momentum", description = "SGD momentum (default: 0).")
    double momentum;

    @Option(names = "--dampening", description = "SGD momentum dampening (default: 0).")
    double dampening;

    @Option(names = "--nesterov", description = "SGD with Nesterov momentum.")
    boolean nesterov;

    @Option(names = "--weight-decay", description = "L2 penalty added to the gradient (default: 0).")
    double weightDecay;

    @Option(names = "--lr-decay", description = "Adagrad's lr decay (default: 0).")
    double lrDecay;

    @Option(names = "--initial-accumulator", description = "Adagrad's initial accumulator value (default: 0).")
    double initialAccumulator;

    @Option(names = "--beta1", description = "Adam's beta1 (default: 0.9).")
    double beta1 = OptimizerSpec.Adam.defaults().beta1();

    @Option(names = "--beta2", description = "Adam's beta2 (default: 0.999).")
    double beta2 = OptimizerSpec.Adam.defaults().beta2();

    @Option(names = "--eps", description = "Adagrad's or Adam's eps (default: 1e-10 and 1e-8).")
    Double eps;

    @Option(names = "--scheduler", defaultValue = "on-drop", description = "on-drop (the tutorial's), step, "
            + "exponential, cosine, warmup or plateau (default: ${DEFAULT-VALUE}).")
    String scheduler;

    @Option(names = "--gamma", description = "Factor of on-drop, step, exponential and plateau (default: 0.1).")
    double gamma = TUTORIAL.gamma();

    @Option(names = "--step-size", description = "Step size of on-drop and step (default: 1).")
    int stepSize = TUTORIAL.stepSize();

    @Option(names = "--t-max", description = "Cosine: epochs down to --eta-min (default: --epochs).")
    Integer tMax;

    @Option(names = "--eta-min", description = "Cosine: the lowest learning rate (default: 0).")
    double etaMin;

    @Option(names = "--warmup-start-factor", description = "Warmup: share of --lr in the first epoch (default: 1/3).")
    double warmupStartFactor = 1.0 / 3;

    @Option(names = "--warmup-epochs", description = "Warmup: epochs to reach --lr (default: 5).")
    int warmupEpochs = 5;

    @Option(names = "--plateau-patience", description = "Plateau: epochs without improvement before reducing (default: 10).")
    int plateauPatience = SchedulerSpec.ReduceOnPlateau.defaults().patience();

    @Option(names = "--plateau-threshold", description = "Plateau: relative improvement that counts (default: 1e-4).")
    double plateauThreshold = SchedulerSpec.ReduceOnPlateau.defaults().threshold();

    @Option(names = "--plateau-cooldown", description = "Plateau: epochs to wait after a reduction (default: 0).")
    int plateauCooldown;

    @Option(names = "--min-lr", description = "Plateau: the lowest learning rate (default: 0).")
    double minLr;

    @Option(names = "--monitor", defaultValue = "accuracy", description = "Validation metric plateau watches: "
            + "accuracy, loss or macro-f1 (default: ${DEFAULT-VALUE}).")
    String monitor;

    @Option(names = "--valid-fraction", description = "Share of the training files held out to validate (default: 0.05).")
    double validationFraction = TUTORIAL.validationFraction();

    @Option(names = "--seed", description = "Seed of initial weights, split and shuffles (default: 1).")
    long seed = TUTORIAL.seed();

    @Option(names = "--init-range", description = "Weights start uniform in [-r, r) (default: 0.5).")
    double initRange = TUTORIAL.initRange();

    @Option(names = "--log-interval", description = "Batches between progress reports (default: 500).")
    int logInterval = TUTORIAL.logInterval();


    /** The flags that only some optimizers take, by optimizer. */
    private static final Map<String, List<String>> OPTIMIZER_FLAGS = Map.of(
            "sgd", List.of("--momentum", "--dampening", "--nesterov"),
            "adagrad", List.of("--lr-decay", "--initial-accumulator", "--eps"),
            "adam", List.of("--beta1", "--beta2", "--eps"));
    /** The flags that only one schedule takes, by schedule; --gamma and --step-size as the schedule says. */
    private static final Map<String, List<String>> SCHEDULE_FLAGS = Map.of(
            "cosine", List.of("--t-max", "--eta-min"),
            "warmup", List.of("--warmup-start-factor", "--warmup-epochs"),
            "plateau", List.of("--plateau-patience", "--plateau-threshold", "--plateau-cooldown", "--min-lr"));

    /**
     * The settings the flags resolve to.
     *
     * @param given what the command line gave: a flag of another optimizer or schedule than the chosen one is refused,
     *              as {@code textclf train} refuses it
     */
    TrainingSettings settings(ParseResult given) {
        TrainingSettings settings = settings();
        refuseOthers(given, "--optimizer", optimizer, OPTIMIZER_FLAGS, List.of());
        List<String> unused = new ArrayList<>();
        if (!settings.scheduler().takesGamma()) {
            unused.add("--gamma");
        }
        if (!settings.scheduler().takesStepSize()) {
            unused.add("--step-size");
        }
        refuseOthers(given, "--scheduler", scheduler, SCHEDULE_FLAGS, unused);
        return settings;
    }

    private static void refuseOthers(ParseResult given, String kind, String chosen, Map<String, List<String>> flags,
                                     List<String> unused) {
        Set<String> refused = new TreeSet<>(unused);
        flags.forEach((name, own) -> {
            if (!name.equals(chosen)) {
                refused.addAll(own);
            }
        });
        refused.removeAll(flags.getOrDefault(chosen, List.of()));
        for (String flag : refused) {
            if (given.hasMatchedOption(flag)) {
                throw new IllegalArgumentException(flag + " does not apply to " + kind + " " + chosen);
            }
        }
    }

    private TrainingSettings settings() {
        OptimizerSpec rule = switch (optimizer) {
            case "sgd" -> momentum == 0 && dampening == 0 && weightDecay == 0 && !nesterov
                    ? new OptimizerSpec.Sgd() : new OptimizerSpec.SgdMomentum(momentum, dampening, weightDecay, nesterov);
            case "adagrad" -> new OptimizerSpec.Adagrad(lrDecay, weightDecay, initialAccumulator, eps == null ? 1e-10 : eps);
            case "adam" -> new OptimizerSpec.Adam(beta1, beta2, eps == null ? 1e-8 : eps, weightDecay);
            default -> throw new IllegalArgumentException("--optimizer must be sgd, adagrad or adam, was '" + optimizer + "'");
        };
        double lr = learningRate != null ? learningRate : switch (optimizer) {
            case "adagrad" -> 0.01;
            case "adam" -> 0.001;
            default -> TUTORIAL.learningRate();
        };
        SchedulerSpec schedule = switch (scheduler) {
            case "on-drop" -> new SchedulerSpec.OnValidationDrop();
            case "step" -> new SchedulerSpec.Step();
            case "exponential" -> new SchedulerSpec.Exponential();
            case "cosine" -> new SchedulerSpec.Cosine(tMax == null ? epochs : tMax, etaMin);
            case "warmup" -> new SchedulerSpec.LinearWarmup(warmupStartFactor, warmupEpochs);
            case "plateau" -> new SchedulerSpec.ReduceOnPlateau(plateauPatience, plateauThreshold, plateauCooldown, minLr);
            default -> throw new IllegalArgumentException("--scheduler must be on-drop, step, exponential, cosine, "
                    + "warmup or plateau, was '" + scheduler + "'");
        };
        return new TrainingSettings(epochs, lr, batchSize, embeddingDim, gamma, stepSize, clipNorm, validationFraction,
                seed, initRange, corpus.minFreq, corpus.maxTokens, logInterval, rule, schedule, ValidationMetric.fromLabel(monitor),
                0, 0);
    }

    /** The options given on the command line, for the model file's record of the run. */
    static List<RunSetting> given(CommandSpec spec) {
        ParseResult parsed = spec.commandLine().getParseResult();
        List<RunSetting> settings = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (parsed.hasMatchedOption(option) && !option.usageHelp() && !option.versionHelp()) {
                settings.add(new RunSetting(option.longestName().replaceFirst("^--?", ""),
                        java.util.Objects.toString(option.getValue()), "command line"));
            }
        }
        return settings;
    }
}
