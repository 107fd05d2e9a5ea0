package io.textclf.cli;

import io.textclf.application.config.SettingKey;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.modelformat.Checkpoint;
import io.textclf.application.report.HtmlReport;
import io.textclf.application.train.RunOptions;
import io.textclf.application.train.TrainRequest;
import io.textclf.application.train.TrainUseCase;
import io.textclf.application.train.TrainingOptions;
import io.textclf.application.train.TrainingReport;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.train.Evaluation;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.SchedulerSpec;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.train.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code textclf train}: the tutorial's training run; every hyperparameter defaults to the tutorial's.
 * Settings come from the command line, then an experiment file ({@code --experiment}), then the
 * checkpoint being resumed, then the defaults; all of them, with their sources, go into the model file.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a classifier on a dataset and save it as a model file.")
final class TrainCommand implements Callable<Integer> {

    private static final TrainingSettings TUTORIAL = TrainingSettings.tutorial();

    @ParentCommand
    private TextclfCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = {"-d", "--data"},
            description = "Dataset folder (train.csv[.gz], test.csv[.gz], classes.txt, or fastText train.txt/test.txt) "
                    + "or dataset name (ag_news). Required, unless an experiment file or the resumed checkpoint names it.")
    private String data;

    @Option(names = {"-o", "--output"}, defaultValue = "model.textclf",
            description = "Model file to write (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = {"-x", "--experiment"}, paramLabel = "FILE",
            description = "Experiment file (YAML, JSON or .properties) holding any of these flags without dashes, "
                    + "e.g. 'lr: 0.5'; flags on the command line override it. '--config FILE.yaml' works too.")
    private Path experiment;

    @Option(names = "--epochs", description = "Epochs (default: 10).")
    private int epochs = TUTORIAL.epochs();

    @Option(names = "--lr", description = "Learning rate (default: 5 for sgd as in the tutorial, 0.01 for adagrad, "
            + "0.001 for adam, PyTorch's defaults).")
    private Double learningRate;

    @Option(names = "--batch-size", description = "Documents per step (default: 64).")
    private int batchSize = TUTORIAL.batchSize();

    @Option(names = "--embed-dim", description = "Embedding dimension (default: 64).")
    private int embeddingDim = TUTORIAL.embeddingDim();

    @Option(names = "--clip-norm", description = "Max total gradient L2 norm (default: 0.1).")
    private double clipNorm = TUTORIAL.clipNorm();

    @Option(names = "--optimizer", description = "sgd (the tutorial's), adagrad or adam; PyTorch's rules "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "sgd")
    private String optimizer;

    @Option(names = "--momentum", description = "SGD momentum (default: 0).")
    private double momentum;

    @Option(names = "--dampening", description = "SGD momentum dampening (default: 0).")
    private double dampening;

    @Option(names = "--nesterov", description = "SGD with Nesterov momentum.")
    private boolean nesterov;

    @Option(names = "--weight-decay", description = "L2 penalty added to the gradient, any optimizer (default: 0). "
            + "Moves every embedding row every step, as in PyTorch.")
    private double weightDecay;

    @Option(names = "--lr-decay", description = "Adagrad's lr decay (default: 0).")
    private double lrDecay;

    @Option(names = "--initial-accumulator", description = "Adagrad's initial accumulator value (default: 0).")
    private double initialAccumulator;

    @Option(names = "--beta1", description = "Adam's beta1 (default: 0.9).")
    private double beta1 = OptimizerSpec.Adam.defaults().beta1();

    @Option(names = "--beta2", description = "Adam's beta2 (default: 0.999).")
    private double beta2 = OptimizerSpec.Adam.defaults().beta2();

    @Option(names = "--eps", description = "Adagrad's or Adam's eps (default: 1e-10 and 1e-8).")
    private Double eps;

    @Option(names = "--scheduler", description = "Learning-rate schedule, stepped after each epoch: on-drop (the "
            + "tutorial's: StepLR stepped when validation accuracy drops), step, exponential, cosine, warmup, "
            + "plateau (default: ${DEFAULT-VALUE}).", defaultValue = "on-drop")
    private String scheduler;

    @Option(names = "--gamma", description = "Factor of on-drop, step, exponential and plateau (default: 0.1).")
    private double gamma = TUTORIAL.gamma();

    @Option(names = "--step-size", description = "Step size of on-drop and step, in scheduler steps (default: 1).")
    private int stepSize = TUTORIAL.stepSize();

    @Option(names = "--t-max", description = "Cosine: epochs down to --eta-min (default: --epochs).")
    private Integer tMax;

    @Option(names = "--eta-min", description = "Cosine: the lowest learning rate (default: 0).")
    private double etaMin;

    @Option(names = "--warmup-start-factor", description = "Warmup: share of --lr in the first epoch "
            + "(default: 1/3, PyTorch's LinearLR).")
    private double warmupStartFactor = 1.0 / 3;

    @Option(names = "--warmup-epochs", description = "Warmup: epochs to reach --lr (default: 5).")
    private int warmupEpochs = 5;

    @Option(names = "--plateau-patience", description = "Plateau: epochs without improvement before reducing "
            + "(default: 10, PyTorch's).")
    private int plateauPatience = SchedulerSpec.ReduceOnPlateau.defaults().patience();

    @Option(names = "--plateau-threshold", description = "Plateau: relative improvement that counts (default: 1e-4).")
    private double plateauThreshold = SchedulerSpec.ReduceOnPlateau.defaults().threshold();

    @Option(names = "--plateau-cooldown", description = "Plateau: epochs to wait after a reduction (default: 0).")
    private int plateauCooldown;

    @Option(names = "--min-lr", description = "Plateau: the lowest learning rate (default: 0).")
    private double minLr;

    @Option(names = "--monitor", description = "Validation metric for early stopping, the best model and plateau: "
            + "accuracy, loss or macro-f1 (default: ${DEFAULT-VALUE}).", defaultValue = "accuracy")
    private String monitor;

    @Option(names = "--patience", description = "Stop after this many epochs without improvement; 0 never stops "
            + "early (default: 0).")
    private int patience;

    @Option(names = "--min-delta", description = "Least change of the monitored metric that counts as an "
            + "improvement (default: 0).")
    private double minDelta;

    @Option(names = "--valid-fraction", description = "Share of the training file held out to validate (default: 0.05).")
    private double validationFraction = TUTORIAL.validationFraction();

    @Option(names = "--seed", description = "Seed of initial weights, split and shuffles (default: 1).")
    private long seed = TUTORIAL.seed();

    @Option(names = "--init-range", description = "Weights start uniform in [-r, r) (default: 0.5).")
    private double initRange = TUTORIAL.initRange();

    @Option(names = "--min-freq", description = "Leave out tokens seen fewer times (default: 1).")
    private int minFreq = TUTORIAL.minFreq();

    @Option(names = "--max-tokens", description = "Largest vocabulary size including <unk>, 0 for no limit (default: 0).")
    private int maxTokens = TUTORIAL.maxTokens();

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Write a checkpoint after every epoch "
            + "(epoch-0005.ckpt) and the best-validation model (best.textclf) into DIR.")
    private Path checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Also checkpoint every N batches "
            + "(default: 0, epoch ends only).")
    private int checkpointEvery;

    @Option(names = "--keep-checkpoints", paramLabel = "N", description = "Keep only the newest N checkpoints "
            + "(default: 0, all).")
    private int keepCheckpoints;

    @Option(names = "--best-output", paramLabel = "FILE", description = "Also save the best-validation model as FILE.")
    private Path bestOutput;

    @Option(names = "--restore-best", description = "Save the best-validation model as the output instead of the last.")
    private boolean restoreBest;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue from a checkpoint file, or the "
            + "newest in a checkpoint folder; its settings apply unless overridden (only --epochs may differ).")
    private Path resume;

    @Option(names = "--report", paramLabel = "DIR", description = "Write an HTML report (DIR/report.html) with "
            + "curves, confusion matrix, per-class metrics, settings and provenance.")
    private Path report;

    @Option(names = "--json", description = "Print the result as one JSON object (progress goes to stderr).")
    private boolean json;

    @Option(names = "--log-interval", description = "Batches between progress lines (default: 500).")
    private int logInterval = TUTORIAL.logInterval();

    @Option(names = "--tokenizer", paramLabel = "NAME", defaultValue = PipelineSpec.DEFAULT_TOKENIZER,
            description = "Tokenizer: ${DEFAULT-VALUE} (the tutorial's, the default) or a plug-in's "
                    + "(textclf plugins lists them). The model file records it; predict and serve use it.")
    private String tokenizer;

    @Option(names = "--skip-bad-rows", description = "Skip malformed data rows (and report how many) instead of failing.")
    private boolean skipBadRows;

    @Option(names = "--progress", description = "Progress display: auto (a bar on a terminal, plain lines otherwise), "
            + "bar, lines or none (default: ${DEFAULT-VALUE}).", defaultValue = "auto")
    private ProgressMode progress;

    private TrainUseCase useCase;

    @Override
    public Integer call() {
        if (common.config != null && ExperimentFile.looksLikeOne(common.config)) {
            if (experiment != null) {
                throw new IllegalArgumentException("--config " + common.config + " is an experiment file, and "
                        + "--experiment " + experiment + " names another: give one");
            }
            experiment = common.config;
            common.config = null;
        }
        OptionLayers layers = new OptionLayers(spec);
        List<OptionLayers.Layer> sources = new ArrayList<>();
        if (experiment != null) {
            sources.add(new OptionLayers.Layer("experiment file " + experiment, ExperimentFile.read(experiment), true));
        }
        layers.apply(sources);
        if (resume != null) {
            Checkpoint checkpoint = useCase().readCheckpoint(resume);
            sources.add(new OptionLayers.Layer("checkpoint " + resume, flagsOf(checkpoint), false));
            layers.apply(sources);
        }
        if (data == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--data=<data>'");
        }
        TrainingOptions.Resolved resolved = settings(layers);
        TrainingSettings settings = resolved.settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter progressOut = json ? err : out;
        String backend = common.resolve(parent.context().environment()).value(SettingKey.BACKEND);
        RunOptions options = new RunOptions(Optional.ofNullable(checkpointDir), checkpointEvery, keepCheckpoints,
                Optional.ofNullable(bestOutput), restoreBest, Optional.ofNullable(resume), runSettings(layers, resolved));
        TrainingReport result = useCase().train(
                new TrainRequest(data, settings, backend, output, skipBadRows ? BadRowPolicy.SKIP : BadRowPolicy.FAIL,
                        options, PipelineSpec.tokenizer(tokenizer)),
                ProgressPrinter.create(progress, progressOut, err, settings.logInterval()));
        if (!result.skippedRows().isEmpty()) {
            err.printf("skipped %d malformed rows, first: %s%n", result.skippedRows().size(), result.skippedRows().get(0));
        }
        ModelArtifact artifact = result.artifact();
        Optional<Path> page = Optional.ofNullable(report).map(dir -> new HtmlReport().write(dir,
                new HtmlReport.Content("Training report", output, artifact, artifact.metrics().test(),
                        testSource(artifact))));
        if (json) {
            out.println(MetricsJson.training(result, page));
            out.flush();
            return 0;
        }
        result.test().ifPresent(test -> out.println(testLine(test)));
        artifact.metrics().test().ifPresent(metrics -> out.print(System.lineSeparator() + MetricsTable.render(metrics)
                + System.lineSeparator()));
        if (!artifact.metrics().stopReason().isEmpty()) {
            out.printf("stopped early after epoch %d: %s%n", artifact.metrics().epochs().size(),
                    artifact.metrics().stopReason());
        }
        result.bestModelFile().ifPresent(file -> out.printf("saved best model (epoch %d) to %s%n",
                artifact.metrics().bestEpoch(), file));
        page.ifPresent(file -> out.printf("wrote report %s%n", file));
        out.printf("saved model to %s%n", result.modelFile());
        return 0;
    }

    private TrainUseCase useCase() {
        if (useCase == null) {
            useCase = common.injector(parent.context().environment()).getInstance(TrainUseCase.class);
        }
        return useCase;
    }

    /** The hyperparameters from the resolved options; refuses options that do not apply to the chosen rules. */
    private TrainingOptions.Resolved settings(OptionLayers layers) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String name = OptionLayers.key(option);
            if (TrainingOptions.NAMES.contains(name) && layers.isGiven(name)) {
                given.put(name, option.getValue());
            }
        }
        return TrainingOptions.resolve(given, TrainingOptions.Spelling.CLI);
    }

    /** The run settings for the model file: every applicable option and its source, and the derived defaults. */
    private static List<RunSetting> runSettings(OptionLayers layers, TrainingOptions.Resolved resolved) {
        List<RunSetting> run = new ArrayList<>(layers.runSettings().stream()
                .filter(setting -> !resolved.inapplicable().contains(setting.name())).toList());
        run.addAll(resolved.derivedDefaults());
        return run;
    }

    /** A checkpoint's run as flags: its recorded settings, its hyperparameters and its dataset. */
    static Map<String, String> flagsOf(Checkpoint checkpoint) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (RunSetting setting : checkpoint.model().provenance().runSettings()) {
            if (!List.of("resume", "json", "progress", "config").contains(setting.name())) {
                flags.put(setting.name(), setting.value());
            }
        }
        TrainingSettings s = checkpoint.model().settings();
        for (String recipe : List.of("momentum", "dampening", "nesterov", "weight-decay", "lr-decay",
                "initial-accumulator", "beta1", "beta2", "eps", "t-max", "eta-min", "warmup-start-factor",
                "warmup-epochs", "plateau-patience", "plateau-threshold", "plateau-cooldown", "min-lr")) {
            flags.remove(recipe);
        }
        flags.put("data", checkpoint.dataset());
        flags.put("tokenizer", checkpoint.model().pipeline().tokenizer());
        flags.put("epochs", Integer.toString(s.epochs()));
        flags.put("lr", Double.toString(s.learningRate()));
        flags.put("batch-size", Integer.toString(s.batchSize()));
        flags.put("embed-dim", Integer.toString(s.embeddingDim()));
        flags.put("gamma", Double.toString(s.gamma()));
        flags.put("step-size", Integer.toString(s.stepSize()));
        flags.put("clip-norm", Double.toString(s.clipNorm()));
        flags.put("valid-fraction", Double.toString(s.validationFraction()));
        flags.put("seed", Long.toString(s.seed()));
        flags.put("init-range", Double.toString(s.initRange()));
        flags.put("min-freq", Integer.toString(s.minFreq()));
        flags.put("max-tokens", Integer.toString(s.maxTokens()));
        flags.put("monitor", s.monitor().label());
        flags.put("patience", Integer.toString(s.patience()));
        flags.put("min-delta", Double.toString(s.minDelta()));
        flags.put("optimizer", s.optimizer().name());
        if (s.optimizer() instanceof OptimizerSpec.SgdMomentum m) {
            flags.put("momentum", Double.toString(m.momentum()));
            flags.put("dampening", Double.toString(m.dampening()));
            flags.put("weight-decay", Double.toString(m.weightDecay()));
            flags.put("nesterov", Boolean.toString(m.nesterov()));
        } else if (s.optimizer() instanceof OptimizerSpec.Adagrad a) {
            flags.put("lr-decay", Double.toString(a.lrDecay()));
            flags.put("weight-decay", Double.toString(a.weightDecay()));
            flags.put("initial-accumulator", Double.toString(a.initialAccumulatorValue()));
            flags.put("eps", Double.toString(a.eps()));
        } else if (s.optimizer() instanceof OptimizerSpec.Adam a) {
            flags.put("beta1", Double.toString(a.beta1()));
            flags.put("beta2", Double.toString(a.beta2()));
            flags.put("eps", Double.toString(a.eps()));
            flags.put("weight-decay", Double.toString(a.weightDecay()));
        }
        flags.put("scheduler", s.scheduler().name());
        if (s.scheduler() instanceof SchedulerSpec.Cosine c) {
            flags.put("t-max", Integer.toString(c.tMax()));
            flags.put("eta-min", Double.toString(c.etaMin()));
        } else if (s.scheduler() instanceof SchedulerSpec.LinearWarmup w) {
            flags.put("warmup-start-factor", Double.toString(w.startFactor()));
            flags.put("warmup-epochs", Integer.toString(w.totalIters()));
        } else if (s.scheduler() instanceof SchedulerSpec.ReduceOnPlateau p) {
            flags.put("plateau-patience", Integer.toString(p.patience()));
            flags.put("plateau-threshold", Double.toString(p.threshold()));
            flags.put("plateau-cooldown", Integer.toString(p.cooldown()));
            flags.put("min-lr", Double.toString(p.minLr()));
        }
        return flags;
    }

    private static String testSource(ModelArtifact artifact) {
        return artifact.provenance().datasets().stream().filter(d -> d.role().equals("test"))
                .map(DatasetFingerprint::path).findFirst().map(path -> "the test file " + path).orElse("the test file");
    }

    private static String testLine(Evaluation test) {
        return String.format(Locale.ROOT, "test accuracy %.4f (%d rows, loss %.4f)", test.accuracy(), test.examples(),
                test.meanLoss());
    }
}
