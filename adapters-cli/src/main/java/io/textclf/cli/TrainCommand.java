package io.textclf.cli;

import io.textclf.application.config.SettingKey;
import io.textclf.application.report.HtmlReport;
import io.textclf.application.train.RunOptions;
import io.textclf.application.train.TrainRequest;
import io.textclf.application.train.TrainUseCase;
import io.textclf.application.train.TrainingReport;
import io.textclf.domain.metrics.Evaluation;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.train.Trainer;
import io.textclf.domain.train.TrainingOption;
import io.textclf.domain.train.TrainingOptions;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.modelformat.Checkpoint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
        modelTransformer = TrainingFlags.class,
        description = "Train a classifier on a dataset and save it as a model file.")
final class TrainCommand implements Callable<Integer> {

    /** A file or folder a run writes: its option's name in files, the flag, and its name in a branch's folder. */
    record OwnOutput(String option, String flag, String fileName) {
    }

    /**
     * Where a run that branches off into a folder of its own writes, by option, inside that folder: a copied run
     * folder resumed, or the branch {@code info} suggests.
     */
    static final List<OwnOutput> OWN_OUTPUTS = List.of(new OwnOutput("output", "-o", "model.textclf"),
            new OwnOutput("report", "--report", "report"),
            new OwnOutput("best-output", "--best-output", "best-output.textclf"));
    /** Run options that are about one invocation and do not carry over to a resumed run. */
    private static final Set<String> NOT_RESUMED = Set.of("resume", "json", "progress", "config");
    /** The training options a resumed run may change. */
    private static final Set<String> RESUMABLE_CHANGES = TrainingOptions.RESUMABLE_CHANGES;

    @ParentCommand
    private TextclfCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private DataOptions dataOptions;

    @Mixin
    private JsonOption jsonOption;

    @Mixin
    private ProgressOption progress;

    @Option(names = {"-o", "--output"}, defaultValue = "model.textclf",
            description = "Model file to write (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = {"-x", "--experiment"}, paramLabel = "FILE",
            description = "Experiment file (YAML, JSON or .properties) holding any of these flags without dashes, "
                    + "e.g. 'lr: 0.5'; flags on the command line override it; relative paths in it are relative to "
                    + "its folder. '--config FILE.yaml' works too.")
    private Path experiment;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Write a checkpoint after every epoch "
            + "(epoch-0005.ckpt) and the best-validation model (best.textclf) into DIR; one run at a time (a lock).")
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
            + "newest in a checkpoint folder; its training settings apply unless overridden (of those only --epochs, "
            + "--log-interval and --threads may differ). Its checkpoints go on in the checkpoint's folder; -o, "
            + "--report and --best-output are the first run's unless given (a copied or moved run folder: into it).")
    private Path resume;

    @Option(names = "--report", paramLabel = "DIR", description = "Write an HTML report (DIR/report.html) with "
            + "curves, confusion matrix, per-class metrics, settings and provenance.")
    private Path report;

    @Option(names = "--tokenizer", paramLabel = "NAME", defaultValue = PipelineSpec.DEFAULT_TOKENIZER,
            description = "Tokenizer: ${DEFAULT-VALUE} (the tutorial's, the default) or a plug-in's "
                    + "(textclf plugins lists them). The model file records it; predict and serve use it.")
    private String tokenizer;

    private TrainUseCase useCase;

    @Override
    public Integer call() {
        if (common.config != null && ExperimentFile.looksLikeOne(common.config)) {
            if (experiment != null) {
                throw new InvalidOptionException("--config " + common.config + " is an experiment file, and "
                        + "--experiment " + experiment + " names another: give one");
            }
            experiment = common.config;
            common.config = null;
        }
        OptionLayers layers = new OptionLayers(spec);
        List<OptionLayers.Layer> sources = new ArrayList<>();
        if (experiment != null) {
            Map<String, String> values = InvalidOptionException.whenResolving(() -> ExperimentFile.read(experiment));
            sources.add(new OptionLayers.Layer("experiment file " + experiment, values, true,
                    Optional.of(experiment.toAbsolutePath().getParent())));
        }
        InvalidOptionException.whenResolving(() -> layers.apply(sources));
        if (resume != null) {
            Checkpoint checkpoint = useCase().readCheckpoint(resume);
            checkpoint.model().settings().scheduler().whyNotResumable().ifPresent(why -> {
                throw new UnsupportedOperationException("cannot resume " + resume + ": " + why);
            });
            InvalidOptionException.whenResolving(() -> {
                requireSameSettings(layers, checkpoint);
                requireEpochsLeft(layers, checkpoint);
            });
            sources.add(new OptionLayers.Layer("checkpoint " + resume, flagsOf(checkpoint, folderOf(resume)), false,
                    Optional.empty()));
            layers.apply(sources);
        }
        layers.sourceOf("backend").filter(source -> !source.equals("flag"))
                .ifPresent(source -> common.givenBy(SettingKey.BACKEND, source));
        layers.sourceOf("device").filter(source -> !source.equals("flag"))
                .ifPresent(source -> common.givenBy(SettingKey.DEVICE, source));
        // the use case made to read a checkpoint knew the settings before it: made again, it knows their sources
        useCase = null;
        if (dataOptions.data == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--data=<data>'");
        }
        TrainingOptions.Resolved resolved = settings(layers);
        TrainingSettings settings = resolved.settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = jsonOption.json;
        String backend = common.resolve(parent.context().environment()).value(SettingKey.BACKEND);
        List<RunSetting> runSettings = new ArrayList<>(layers.runSettings(TrainingOptions.NAMES));
        runSettings.addAll(TrainingOptions.runSettings(resolved, layers::sourceOf));
        RunOptions options = InvalidOptionException.whenResolving(() -> new RunOptions(
                Optional.ofNullable(checkpointDir), checkpointEvery, keepCheckpoints, Optional.ofNullable(bestOutput),
                restoreBest, Optional.ofNullable(resume), runSettings, resolved.threads()));
        PipelineSpec pipeline = PipelineSpec.tokenizer(tokenizer).withWordNgrams(resolved.ngrams());
        if (resume == null) {
            InvalidOptionException.whenResolving(() -> useCase().tokenizer(pipeline));
        }
        if (report != null) {
            new HtmlReport().requireWritable(report);
        }
        TrainRequest request = InvalidOptionException.whenResolving(() -> new TrainRequest(dataset(layers), settings,
                backend, output, dataOptions.badRows(), options, pipeline));
        TrainingReport result;
        // a resumed run's checkpoints may still hold the epochs it was resumed from: the hint repeats its own
        String resumeFlags = resume != null ? " --epochs " + settings.epochs() : "";
        try (ResumeHint hint = ResumeHint.install(output, Optional.ofNullable(checkpointDir), resumeFlags,
                Optional.ofNullable(resume), useCase()::hasCheckpoint, err)) {
            result = useCase().train(request,
                    ProgressPrinter.create(progress.mode, json ? err : out, err, settings.logInterval(),
                            settings.monitor()));
        }
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

    /**
     * The dataset: a path given in an experiment file is relative to that file's folder, never to the working
     * folder; a single name that is no file or folder there (such as {@code ag_news}) stays a dataset name.
     */
    private String dataset(OptionLayers layers) {
        String data = dataOptions.data;
        boolean fromExperiment = layers.sourceOf("data").filter(source -> source.startsWith("experiment file"))
                .isPresent();
        if (fromExperiment && !Path.of(data).isAbsolute()) {
            Path relative = experiment.toAbsolutePath().getParent().resolve(data).normalize();
            if (Files.exists(relative) || Path.of(data).getNameCount() > 1 || data.startsWith(".")) {
                return relative.toString();
            }
        }
        // a path is recorded absolute, so that --resume finds it from any folder; a dataset name stays a name
        try {
            return Files.exists(Path.of(data)) ? Path.of(data).toAbsolutePath().normalize().toString() : data;
        } catch (InvalidPathException e) {
            return data;
        }
    }

    /** The hyperparameters from the resolved options; refuses options that do not apply to the chosen rules. */
    private TrainingOptions.Resolved settings(OptionLayers layers) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (TrainingOption option : TrainingOptions.ALL) {
            if (layers.isGiven(option.name())) {
                given.put(option.name(), spec.findOption(option.name()).getValue());
            }
        }
        return InvalidOptionException.whenResolving(() -> TrainingOptions.resolve(given,
                TrainingOptions.Spelling.CLI.withNames(namingSources(layers))));
    }

    /**
     * Each option that an experiment file or config set, rather than a flag, named with that file
     * ({@code epochs (experiment file e.yaml)}, not {@code --epochs}): the user typed no such flag.
     */
    private static Map<String, String> namingSources(OptionLayers layers) {
        Map<String, String> names = new LinkedHashMap<>();
        for (TrainingOption option : TrainingOptions.ALL) {
            layers.sourceOf(option.name()).filter(source -> !source.equals("flag"))
                    .ifPresent(source -> names.put(option.name(), option.name() + " (" + source + ")"));
        }
        return names;
    }

    /**
     * Refuses, before any data is read, a training option given on the command line or in the experiment
     * file whose value differs from the resumed checkpoint's: the run would not be the one it continues.
     */
    private void requireSameSettings(OptionLayers layers, Checkpoint checkpoint) {
        Map<String, Object> there = TrainingOptions.valuesOf(TrainingOptions.recipeOf(checkpoint.model()));
        List<String> differences = new ArrayList<>();
        for (TrainingOption option : TrainingOptions.ALL) {
            String name = option.name();
            if (RESUMABLE_CHANGES.contains(name) || !layers.isGiven(name)) {
                continue;
            }
            Object now = spec.findOption(name).getValue();
            if (!now.equals(there.get(name))) {
                differences.add(TrainingOptions.Spelling.CLI.option(name) + " " + now + " (" + layers.sourceOf(name)
                        .orElseThrow() + "), the checkpoint has " + Optional.ofNullable(there.get(name))
                        .map(String::valueOf).orElse("none"));
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("resuming " + resume + ": " + String.join("; ", differences)
                    + "; only --epochs, --log-interval and --threads may change on resuming");
        }
    }

    /** Refuses, before any data is read, an {@code --epochs} that ends before where the checkpoint is. */
    private void requireEpochsLeft(OptionLayers layers, Checkpoint checkpoint) {
        int done = checkpoint.state().completedEpochs();
        int epochs = layers.isGiven("epochs") ? (Integer) spec.findOption("epochs").getValue()
                : checkpoint.model().settings().epochs();
        if (!checkpoint.state().endsWithin(epochs)) {
            throw new IllegalArgumentException("resuming " + resume + ": the checkpoint is past epoch " + done
                    + (checkpoint.state().batchesDone() > 0 ? " (and " + checkpoint.state().batchesDone()
                    + " batches of the next)" : "") + ", so --epochs " + epochs + " (" + layers.sourceOf("epochs")
                    .orElse("the checkpoint") + ") has nothing left to train: give more epochs");
        }
        String stopped = Trainer.stopReason(checkpoint.model().settings(), checkpoint.state().epochs());
        if (!stopped.isEmpty() && epochs > checkpoint.model().settings().epochs()) {
            throw new IllegalArgumentException("resuming " + resume + ": the run stopped early after epoch " + done
                    + " (" + stopped + "), and early stopping is one of its settings: --epochs " + epochs
                    + " would train nothing more");
        }
    }

    /** The folder a checkpoint given to {@code --resume} lies in: the folder itself, or the file's folder. */
    private static Path folderOf(Path resume) {
        Path absolute = resume.toAbsolutePath().normalize();
        return Files.isDirectory(absolute) ? absolute : absolute.getParent();
    }

    /**
     * A checkpoint's run as flags: its recorded run options, its backend, its hyperparameters and its dataset. Its
     * checkpoints go on into {@code folder}, the one it lies in now: a copied or moved run folder continues where it
     * is, not where the first run wrote, and so do its model file, report and best model ({@link #OWN_OUTPUTS}).
     */
    static Map<String, String> flagsOf(Checkpoint checkpoint, Path folder) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (RunSetting setting : checkpoint.model().provenance().runSettings()) {
            if (!NOT_RESUMED.contains(setting.name()) && !TrainingOptions.NAMES.contains(setting.name())) {
                flags.put(setting.name(), setting.value());
            }
        }
        String wroteInto = flags.get("checkpoint-dir");
        if (wroteInto != null && Path.of(wroteInto).isAbsolute() && !Path.of(wroteInto).equals(folder)) {
            // a run folder copied or moved: what it writes goes beside its checkpoints, never over the first run's
            OWN_OUTPUTS.forEach(own -> flags.computeIfPresent(own.option(), (key, first) ->
                    folder.resolve(own.fileName()).toString()));
        }
        flags.put("checkpoint-dir", folder.toString());
        // the backend it ran on, wherever that came from (a flag, the environment, a config file or the default)
        flags.put("backend", checkpoint.model().provenance().backend());
        flags.put("data", checkpoint.dataset());
        flags.put("tokenizer", checkpoint.model().pipeline().tokenizer());
        TrainingOptions.valuesOf(TrainingOptions.recipeOf(checkpoint.model())).forEach((name, value) ->
                flags.put(name, String.valueOf(value)));
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
